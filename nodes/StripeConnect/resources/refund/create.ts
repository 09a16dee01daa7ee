import type { INodeProperties } from 'n8n-workflow';

import { STRIPE_ID_PREFIXES } from '../../../shared/validation';
import { optionalAmountCheck } from '../../shared/checks';
import { additionalFieldsCollection, metadataFields, optionsCollection } from '../../shared/fields';
import { stripeOperation } from '../../shared/operation';

export const showOnlyForRefundCreate = { operation: ['create'], resource: ['refund'] };

export const refundCreateOperation = stripeOperation({
	name: 'Create',
	value: 'create',
	action: 'Create a refund',
	description:
		'Refunds a payment intent or charge, all or part of it; for destination charges it can also pull the funds back from the connected account and refund the application fee',
	effect: 'movesMoney',
	method: 'POST',
	url: '/v1/refunds',
	checks: [
		{
			kind: 'id',
			parameter: 'paymentIntent',
			field: 'Payment Intent ID',
			prefixes: STRIPE_ID_PREFIXES.paymentIntent,
			when: { parameter: 'refundOf', equals: 'paymentIntent' },
			target: 'body',
			property: 'payment_intent',
		},
		{
			kind: 'id',
			parameter: 'charge',
			field: 'Charge ID',
			prefixes: STRIPE_ID_PREFIXES.charge,
			when: { parameter: 'refundOf', equals: 'charge' },
			target: 'body',
			property: 'charge',
		},
		optionalAmountCheck('additionalFields.amount', 'Amount', 'amount'),
	],
});

const showForPaymentIntent = { ...showOnlyForRefundCreate, refundOf: ['paymentIntent'] };
const showForCharge = { ...showOnlyForRefundCreate, refundOf: ['charge'] };

export const refundCreateDescription: INodeProperties[] = [
	{
		displayName: 'Refund Of',
		name: 'refundOf',
		type: 'options',
		default: 'paymentIntent',
		options: [
			{ name: 'Payment Intent', value: 'paymentIntent' },
			{ name: 'Charge', value: 'charge' },
		],
		displayOptions: { show: showOnlyForRefundCreate },
	},
	{
		displayName: 'Payment Intent ID',
		name: 'paymentIntent',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'pi_…',
		displayOptions: { show: showForPaymentIntent },
	},
	{
		displayName: 'Charge ID',
		name: 'charge',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'ch_…',
		displayOptions: { show: showForCharge },
	},
	additionalFieldsCollection(showOnlyForRefundCreate, [
		{
			displayName: 'Amount',
			name: 'amount',
			type: 'number',
			default: 0,
			description:
				'How much to refund in the smallest currency unit (default: everything not yet refunded)',
		},
		{
			displayName: 'Reason',
			name: 'reason',
			type: 'options',
			default: 'requested_by_customer',
			options: [
				{ name: 'Duplicate', value: 'duplicate' },
				{ name: 'Fraudulent', value: 'fraudulent' },
				{ name: 'Requested by Customer', value: 'requested_by_customer' },
			],
			routing: { send: { type: 'body', property: 'reason' } },
		},
		{
			displayName: 'Refund Application Fee',
			name: 'refundApplicationFee',
			type: 'boolean',
			default: false,
			description: 'Whether to refund the application fee too, in proportion to the refund',
			routing: { send: { type: 'body', property: 'refund_application_fee' } },
		},
		{
			displayName: 'Reverse Transfer',
			name: 'reverseTransfer',
			type: 'boolean',
			default: false,
			description:
				'Whether to pull the refunded amount back from the destination connected account',
			routing: { send: { type: 'body', property: 'reverse_transfer' } },
		},
	]),
	...metadataFields(showOnlyForRefundCreate, false),
	optionsCollection(showOnlyForRefundCreate, { connectedAccount: true, post: true }),
];
