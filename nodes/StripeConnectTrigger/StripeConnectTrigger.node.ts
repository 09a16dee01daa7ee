import type {
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { stripeConnectApiTest } from '../shared/credentialTest';
import { handleDelivery } from './delivery';
import { stripeConnectEventOptions } from './events';
import { deleteRegistration, reconcileRegistration, registrationExists } from './registration';
import { DEFAULT_SIGNATURE_TOLERANCE_SECONDS, MAX_SIGNATURE_TOLERANCE_SECONDS } from './signature';

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
		// n8n's node creator shows one "Stripe Connect" entry for both nodes, with this description.
		description:
			'Stripe Connect for marketplaces: onboard connected accounts, move money (payouts, transfers, destination and direct charges, refunds), handle disputes, and start workflows on their events, verified and once per event',
		defaults: { name: 'Stripe Connect Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'stripeConnectApi', required: true, testedBy: 'stripeConnectApiTest' }],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				// The node answers refusals itself; for an event it starts, n8n answers (its default
				// 200, no body) only after its runner accepted the execution, so Stripe never hears 200
				// for an event n8n does not have (see executionAcceptance.ts).
				responseMode: 'onReceived',
				responseData: 'noData',
				path: 'webhook',
			},
		],
		properties: [
			{
				displayName: 'Delivery',
				name: 'delivery',
				type: 'options',
				default: 'webhookEndpoints',
				options: [
					{
						name: 'Webhook Endpoints',
						value: 'webhookEndpoints',
						description:
							'Classic webhook endpoints (/v1/webhook_endpoints), one per source; works with restricted keys',
					},
					{
						name: 'Event Destination',
						value: 'eventDestination',
						description:
							'One event destination (/v2/core/event_destinations) for the platform, its connected accounts or both, with snapshot or thin events; needs a secret key',
					},
				],
				description: 'How Stripe sends events to this trigger',
			},
			{
				displayName: 'Event Payload',
				name: 'eventPayload',
				type: 'options',
				default: 'snapshot',
				options: [
					{
						name: 'Snapshot',
						value: 'snapshot',
						description:
							'The whole event with a copy of its object as it was, rendered at the credential API version',
					},
					{
						name: 'Thin',
						value: 'thin',
						description:
							'Only IDs; the trigger fetches the full event (and, if asked, the object now) before starting. Not tied to an API version.',
					},
				],
				description: 'What each delivery carries',
				displayOptions: { show: { delivery: ['eventDestination'] } },
			},
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
						description:
							'Both kinds of event behind this one trigger, so none is missed (two webhook endpoints, or one event destination)',
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
							'Whether to claim each new event at Stripe (an idempotent request on this trigger’s endpoint or destination, keyed on the event ID) so only one n8n process starts it. Turn on in queue mode or with several main processes; costs one Stripe API request per new event.',
					},
					{
						displayName: 'Fetch Latest Object',
						name: 'fetchLatestObject',
						type: 'boolean',
						default: false,
						description:
							"Whether to fetch the current state of the event's object (as the event's connected account) and add it as latestObject; the event keeps its snapshot",
						displayOptions: { hide: { '/eventPayload': ['thin'] } },
					},
					{
						displayName: 'Fetch Related Object',
						name: 'fetchRelatedObject',
						type: 'boolean',
						default: false,
						description:
							"Whether to fetch the thin event's related object (at the URL in related_object, in the event's context) and add it as relatedObject before the workflow starts",
						displayOptions: { show: { '/eventPayload': ['thin'] } },
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

	methods = { credentialTest: { stripeConnectApiTest } };

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await registrationExists(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await reconcileRegistration(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await deleteRegistration(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await handleDelivery.call(this);
	}
}
