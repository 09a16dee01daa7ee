import type { INodeProperties } from 'n8n-workflow';

import { STRIPE_ID_PREFIXES } from '../../../shared/validation';
import type { Field } from '../../shared/fields';
import { bodyText, collection, field, pathIdField } from '../../shared/fields';
import { metadataFields } from '../../shared/metadataFields';
import { stripeOperation } from '../../shared/operation';

export const showOnlyForDisputeUpdate = { operation: ['update'], resource: ['dispute'] };

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

/**
 * Evidence for a card dispute's appeal (`evidence[appeal][card]`), taken while the dispute is
 * `appeal_needs_response`; submitting it moves the dispute to `appeal_under_review`.
 */
const appealEvidence: Field[] = [
	bodyText(
		'appealReasonForFiling',
		'Appeal: Reason for Filing',
		'evidence.appeal.card.reason_for_filing',
		{
			description: 'Why you appeal the decision (only while the dispute is Appeal Needs Response)',
		},
	),
	field({
		name: 'appealSupportingFiles',
		displayName: 'Appeal: Supporting Files',
		value: { kind: 'list' },
		to: { in: 'body', name: 'evidence.appeal.card.supporting_files' },
		placeholder: 'file_…, file_…',
		description:
			'Comma-separated IDs of files uploaded with purpose dispute_evidence that support the appeal',
	}),
];

const disputeUpdate = stripeOperation({
	name: 'Update Evidence',
	value: 'update',
	action: 'Update the evidence of a dispute',
	description:
		'Saves evidence on a dispute, or appeal evidence while it is Appeal Needs Response, and submits it to the bank when Submit is on (evidence cannot change after submitting)',
	effect: 'changes',
	method: 'POST',
	path: '/v1/disputes/{disputeId}',
	show: showOnlyForDisputeUpdate,
	connectedAccount: true,
	fields: [
		pathIdField(
			'disputeId',
			'Dispute ID',
			STRIPE_ID_PREFIXES.dispute,
			'The dispute (dp_… or du_…)',
		),
		collection(
			{ name: 'evidence', displayName: 'Evidence', placeholder: 'Add Evidence' },
			[
				...textEvidence.map(([displayName, name, stripeKey]) =>
					bodyText(name, displayName, `evidence.${stripeKey}`),
				),
				...appealEvidence,
			].sort((a, b) => a.property.displayName.localeCompare(b.property.displayName)),
		),
		field({
			name: 'submit',
			displayName: 'Submit',
			value: { kind: 'boolean' },
			description:
				'Whether to submit the evidence to the bank now; off saves it for later (you can still edit)',
			to: { in: 'body', name: 'submit' },
		}),
		...metadataFields(true),
	],
});

export const disputeUpdateOperation = disputeUpdate.option;
export const disputeUpdateDescription: INodeProperties[] = disputeUpdate.properties;
