import type {
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { handleDelivery } from './delivery';
import { stripeConnectEventOptions } from './events';
import { DEFAULT_SIGNATURE_TOLERANCE_SECONDS, MAX_SIGNATURE_TOLERANCE_SECONDS } from './signature';
import { deleteEndpoints, endpointsExist, reconcileEndpoints } from './webhookEndpoints';

export class StripeConnectTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Stripe Connect Trigger',
		name: 'stripeConnectTrigger',
		icon: {
			light: 'file:stripeConnectTrigger.svg',
			dark: 'file:stripeConnectTrigger.dark.svg',
		},
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["source"] + ": " + $parameter["events"].join(", ")}}',
		description:
			'Starts the workflow on Stripe Connect events (payouts, disputes, accounts, transfers), verified and once per event',
		defaults: { name: 'Stripe Connect Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'stripeConnectApi', required: true }],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				path: 'webhook',
			},
		],
		properties: [
			{
				displayName: 'Source',
				name: 'source',
				type: 'options',
				default: 'connect',
				options: [
					{
						name: 'Connected Accounts',
						value: 'connect',
						description:
							'Events that happen on your connected accounts (their payouts, balances, account and capability changes, disputes on direct charges)',
					},
					{
						name: 'Platform Account',
						value: 'platform',
						description:
							"Your platform's own events (transfers, application fees, its payouts, disputes on destination charges)",
					},
					{
						name: 'Both',
						value: 'both',
						description: 'Registers two endpoints behind this one trigger so no event is missed',
					},
				],
			},
			{
				displayName: 'Trigger On',
				name: 'events',
				type: 'multiOptions',
				required: true,
				default: [],
				options: stripeConnectEventOptions,
				description: 'The Stripe events that start the workflow',
			},
			{
				displayName: 'Connected Account IDs',
				name: 'accountIds',
				type: 'string',
				default: '',
				placeholder: 'acct_1AbC…, acct_1XyZ…',
				description:
					"Only start for events of these connected accounts (comma-separated). Applies to connected-account events only: with Source Both, your platform's own events always start the workflow. Deliveries for other accounts are acknowledged and ignored. Empty: every account.",
				displayOptions: { show: { source: ['connect', 'both'] } },
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Deduplicate Across Processes',
						name: 'deduplicateAcrossProcesses',
						type: 'boolean',
						default: false,
						description:
							'Whether to claim each new event at Stripe (an idempotent request on this trigger’s endpoint, keyed on the event ID) so only one n8n process starts it. Turn on in queue mode or with several main processes; costs one Stripe API request per new event.',
					},
					{
						displayName: 'Fetch Latest Object',
						name: 'fetchLatestObject',
						type: 'boolean',
						default: false,
						description:
							"Whether to fetch the current state of the event's object (as the event's connected account) and add it as latestObject; the event keeps its snapshot",
					},
					{
						displayName: 'Signature Tolerance (Seconds)',
						name: 'toleranceSeconds',
						type: 'number',
						default: DEFAULT_SIGNATURE_TOLERANCE_SECONDS,
						typeOptions: { minValue: 1, maxValue: MAX_SIGNATURE_TOLERANCE_SECONDS },
						description: `How far a delivery's signed timestamp may be from now before it is refused as a replay (1–${MAX_SIGNATURE_TOLERANCE_SECONDS}; Stripe's default is ${DEFAULT_SIGNATURE_TOLERANCE_SECONDS})`,
					},
				],
			},
		],
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await endpointsExist(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await reconcileEndpoints(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await deleteEndpoints(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await handleDelivery.call(this);
	}
}
