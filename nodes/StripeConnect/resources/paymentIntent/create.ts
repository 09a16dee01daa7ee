import type { INodeProperties } from 'n8n-workflow';

import { STRIPE_ID_PREFIXES } from '../../../shared/validation';
import {
	amountWithCurrencyChecks,
	optionalAmountCheck,
	optionalBodyIdCheck,
} from '../../shared/checks';
import {
	additionalFieldsCollection,
	amountWithCurrencyFields,
	descriptionOption,
	idField,
	metadataFields,
	optionsCollection,
} from '../../shared/fields';
import { stripeOperation } from '../../shared/operation';
import { applyApplicationFee } from '../../shared/preSend';

export const showOnlyForPaymentIntentCreate = {
	operation: ['create'],
	resource: ['paymentIntent'],
};

export const paymentIntentCreateOperation = stripeOperation({
	name: 'Create Destination Charge',
	value: 'create',
	action: 'Create a destination charge payment intent',
	description:
		'Creates a payment intent whose funds go to a connected account, keeping an application fee (fixed or from a fee schedule) for the platform. Charges the customer when confirmed.',
	effect: 'movesMoney',
	method: 'POST',
	url: '/v1/payment_intents',
	checks: [
		...amountWithCurrencyChecks(),
		{
			kind: 'id',
			parameter: 'destination',
			field: 'Transfer Destination',
			prefixes: STRIPE_ID_PREFIXES.account,
			target: 'body',
			property: 'transfer_data.destination',
		},
		optionalAmountCheck(
			'additionalFields.transferAmount',
			'Transfer Amount',
			'transfer_data.amount',
		),
		optionalBodyIdCheck(
			'additionalFields.onBehalfOf',
			'On Behalf Of',
			STRIPE_ID_PREFIXES.account,
			'on_behalf_of',
		),
		optionalBodyIdCheck(
			'additionalFields.customer',
			'Customer',
			STRIPE_ID_PREFIXES.customer,
			'customer',
		),
		optionalBodyIdCheck(
			'additionalFields.paymentMethod',
			'Payment Method',
			STRIPE_ID_PREFIXES.paymentMethod,
			'payment_method',
		),
	],
	preSend: [applyApplicationFee],
});

const showForFixedFee = { ...showOnlyForPaymentIntentCreate, applicationFeeMode: ['fixed'] };
const showForFeeSchedule = { ...showOnlyForPaymentIntentCreate, applicationFeeMode: ['schedule'] };

export const paymentIntentCreateDescription: INodeProperties[] = [
	...amountWithCurrencyFields(showOnlyForPaymentIntentCreate, 'How much to charge the customer'),
	idField(
		'destination',
		'Transfer Destination',
		'acct_…',
		showOnlyForPaymentIntentCreate,
		'The connected account that receives the funds (transfer_data[destination])',
	),
	{
		displayName: 'Application Fee',
		name: 'applicationFeeMode',
		type: 'options',
		default: 'none',
		displayOptions: { show: showOnlyForPaymentIntentCreate },
		options: [
			{
				name: 'None',
				value: 'none',
				description: 'The platform keeps nothing (or use Transfer Amount)',
			},
			{
				name: 'Fixed Amount',
				value: 'fixed',
				description: 'A fixed fee in the smallest currency unit',
			},
			{
				name: 'Fee Schedule',
				value: 'schedule',
				description: 'Percent of the amount plus a fixed part, with per-account overrides',
			},
		],
	},
	{
		displayName: 'Application Fee Amount',
		name: 'applicationFeeAmount',
		type: 'number',
		default: 0,
		description: 'The platform fee in the smallest currency unit (e.g. 150 for $1.50)',
		displayOptions: { show: showForFixedFee },
	},
	{
		displayName: 'Fee Percent',
		name: 'feePercent',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 100, numberPrecision: 4 },
		default: 0,
		description:
			'Percent of the amount, e.g. 2.9. The percentage part is rounded half up to a whole minor unit.',
		displayOptions: { show: showForFeeSchedule },
	},
	{
		displayName: 'Fee Fixed Amount',
		name: 'feeFixedAmount',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
		description: 'Added to the percentage part, in the smallest currency unit (e.g. 30 for $0.30)',
		displayOptions: { show: showForFeeSchedule },
	},
	{
		displayName: 'Fee Overrides',
		name: 'feeOverrides',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Override',
		default: {},
		description: 'A different rate for specific connected accounts',
		displayOptions: { show: showForFeeSchedule },
		options: [
			{
				displayName: 'Override',
				name: 'overrides',
				values: [
					{
						displayName: 'Account',
						name: 'account',
						type: 'string',
						default: '',
						placeholder: 'acct_…',
					},
					{
						displayName: 'Percent',
						name: 'percent',
						type: 'number',
						typeOptions: { minValue: 0, maxValue: 100, numberPrecision: 4 },
						default: 0,
					},
					{ displayName: 'Fixed Amount', name: 'fixedAmount', type: 'number', default: 0 },
				],
			},
		],
	},
	{
		displayName: 'Capture Method',
		name: 'captureMethod',
		type: 'options',
		default: 'automatic',
		options: [
			{
				name: 'Automatic',
				value: 'automatic',
				description: 'Capture as soon as the payment is authorized',
			},
			{ name: 'Automatic Async', value: 'automatic_async' },
			{ name: 'Manual', value: 'manual', description: 'Authorize now, capture later with Capture' },
		],
		displayOptions: { show: showOnlyForPaymentIntentCreate },
		routing: { send: { type: 'body', property: 'capture_method' } },
	},
	additionalFieldsCollection(showOnlyForPaymentIntentCreate, [
		{
			displayName: 'Confirm',
			name: 'confirm',
			type: 'boolean',
			default: false,
			description: 'Whether to confirm immediately (needs a payment method)',
			routing: { send: { type: 'body', property: 'confirm' } },
		},
		{
			displayName: 'Customer',
			name: 'customer',
			type: 'string',
			default: '',
			placeholder: 'cus_…',
		},
		descriptionOption(),
		{
			displayName: 'On Behalf Of',
			name: 'onBehalfOf',
			type: 'string',
			default: '',
			placeholder: 'acct_…',
			description: 'The connected account that is the merchant of record (settlement, descriptor)',
		},
		{
			displayName: 'Payment Method',
			name: 'paymentMethod',
			type: 'string',
			default: '',
			placeholder: 'pm_…',
		},
		{
			displayName: 'Receipt Email',
			name: 'receiptEmail',
			type: 'string',
			placeholder: 'name@email.com',
			default: '',
			routing: { send: { type: 'body', property: 'receipt_email' } },
		},
		{
			displayName: 'Transfer Amount',
			name: 'transferAmount',
			type: 'number',
			default: 0,
			description:
				'Send only this much to the destination (transfer_data[amount]) instead of the amount minus the fee; cannot be combined with an application fee',
		},
		{
			displayName: 'Transfer Group',
			name: 'transferGroup',
			type: 'string',
			default: '',
			routing: { send: { type: 'body', property: 'transfer_group' } },
		},
	]),
	...metadataFields(showOnlyForPaymentIntentCreate, false),
	optionsCollection(showOnlyForPaymentIntentCreate, { post: true }),
];
