import type { INodeProperties } from 'n8n-workflow';

import { STRIPE_ID_PREFIXES } from '../../../shared/validation';
import { idCheck } from '../../shared/checks';
import { idField, metadataFields, optionsCollection } from '../../shared/fields';
import { idPath, stripeOperation } from '../../shared/operation';

export const showOnlyForDisputeUpdate = { operation: ['update'], resource: ['dispute'] };

export const disputeUpdateOperation = stripeOperation({
	name: 'Update Evidence',
	value: 'update',
	action: 'Update the evidence of a dispute',
	description:
		'Saves evidence on a dispute, and submits it to the bank when Submit is on (evidence cannot change after submitting)',
	effect: 'changes',
	method: 'POST',
	url: idPath('/v1/disputes/', 'disputeId'),
	checks: [idCheck('disputeId', 'Dispute ID', STRIPE_ID_PREFIXES.dispute)],
});

/** Text evidence fields Stripe accepts, by node name → Stripe evidence key. */
const textEvidence: Array<[string, string, string]> = [
	['Access Activity Log', 'accessActivityLog', 'access_activity_log'],
	['Billing Address', 'billingAddress', 'billing_address'],
	[
		'Cancellation Policy Disclosure',
		'cancellationPolicyDisclosure',
		'cancellation_policy_disclosure',
	],
	['Cancellation Rebuttal', 'cancellationRebuttal', 'cancellation_rebuttal'],
	['Customer Email Address', 'customerEmailAddress', 'customer_email_address'],
	['Customer Name', 'customerName', 'customer_name'],
	['Customer Purchase IP', 'customerPurchaseIp', 'customer_purchase_ip'],
	['Duplicate Charge Explanation', 'duplicateChargeExplanation', 'duplicate_charge_explanation'],
	['Product Description', 'productDescription', 'product_description'],
	['Refund Policy Disclosure', 'refundPolicyDisclosure', 'refund_policy_disclosure'],
	['Refund Refusal Explanation', 'refundRefusalExplanation', 'refund_refusal_explanation'],
	['Service Date', 'serviceDate', 'service_date'],
	['Shipping Address', 'shippingAddress', 'shipping_address'],
	['Shipping Carrier', 'shippingCarrier', 'shipping_carrier'],
	['Shipping Date', 'shippingDate', 'shipping_date'],
	['Shipping Tracking Number', 'shippingTrackingNumber', 'shipping_tracking_number'],
	['Uncategorized Text', 'uncategorizedText', 'uncategorized_text'],
];

export const disputeUpdateDescription: INodeProperties[] = [
	idField(
		'disputeId',
		'Dispute ID',
		'dp_…',
		showOnlyForDisputeUpdate,
		'The dispute (dp_… or du_…)',
	),
	{
		displayName: 'Evidence',
		name: 'evidence',
		type: 'collection',
		placeholder: 'Add Evidence',
		default: {},
		displayOptions: { show: showOnlyForDisputeUpdate },
		options: textEvidence.map(([displayName, name, stripeKey]) => ({
			displayName,
			name,
			type: 'string' as const,
			default: '',
			routing: { send: { type: 'body' as const, property: `evidence.${stripeKey}` } },
		})),
	},
	{
		displayName: 'Submit',
		name: 'submit',
		type: 'boolean',
		default: false,
		description:
			'Whether to submit the evidence to the bank now; off saves it for later (you can still edit)',
		displayOptions: { show: showOnlyForDisputeUpdate },
		routing: { send: { type: 'body', property: 'submit' } },
	},
	...metadataFields(showOnlyForDisputeUpdate, true),
	optionsCollection(showOnlyForDisputeUpdate, { connectedAccount: true, post: true }),
];
