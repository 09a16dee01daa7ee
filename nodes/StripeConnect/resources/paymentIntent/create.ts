import type { INodeProperties } from 'n8n-workflow';

import { STRIPE_ID_PREFIXES } from '../../../shared/validation';
import { additionalFields, bodyText, descriptionField, field, idField } from '../../shared/fields';
import { metadataFields } from '../../shared/metadataFields';
import { IN_AMOUNT_UNIT, amountWithCurrencyFields } from '../../shared/money';
import { stripeOperation } from '../../shared/operation';
import { applicationFeeFields } from './applicationFee';
import { chargeTypeFields } from './chargeType';

export const showOnlyForPaymentIntentCreate = {
	operation: ['create'],
	resource: ['paymentIntent'],
};

const paymentIntentCreate = stripeOperation({
	name: 'Create',
	value: 'create',
	action: 'Create a payment intent',
	description:
		'Creates a destination charge (made on the platform, funds sent to a connected account) or a direct charge (made on the connected account), keeping an application fee (fixed or from a fee schedule) for the platform. Charges the customer when confirmed.',
	effect: 'movesMoney',
	method: 'POST',
	path: '/v1/payment_intents',
	show: showOnlyForPaymentIntentCreate,
	amountUnit: true,
	fields: [
		...amountWithCurrencyFields(),
		...chargeTypeFields(),
		...applicationFeeFields(),
		field({
			name: 'captureMethod',
			displayName: 'Capture Method',
			value: {
				kind: 'option',
				options: [
					{
						name: 'Automatic',
						value: 'automatic',
						description: 'Capture as soon as the payment is authorized',
					},
					{ name: 'Automatic Async', value: 'automatic_async' },
					{
						name: 'Manual',
						value: 'manual',
						description: 'Authorize now, capture later with Capture',
					},
				],
			},
			to: { in: 'body', name: 'capture_method' },
		}),
		additionalFields([
			field({
				name: 'confirm',
				displayName: 'Confirm',
				value: { kind: 'boolean' },
				description: 'Whether to confirm immediately (needs a payment method)',
				to: { in: 'body', name: 'confirm' },
			}),
			idField({
				name: 'customer',
				displayName: 'Customer',
				prefixes: STRIPE_ID_PREFIXES.customer,
				to: { in: 'body', name: 'customer' },
			}),
			descriptionField(),
			idField({
				name: 'onBehalfOf',
				displayName: 'On Behalf Of',
				prefixes: STRIPE_ID_PREFIXES.account,
				to: { in: 'body', name: 'on_behalf_of' },
				description:
					'Destination charges only: the connected account that is the merchant of record (settlement, descriptor)',
			}),
			idField({
				name: 'paymentMethod',
				displayName: 'Payment Method',
				prefixes: STRIPE_ID_PREFIXES.paymentMethod,
				to: { in: 'body', name: 'payment_method' },
			}),
			bodyText('receiptEmail', 'Receipt Email', 'receipt_email', {
				placeholder: 'name@email.com',
			}),
			field({
				name: 'transferAmount',
				displayName: 'Transfer Amount',
				value: { kind: 'amount' },
				to: { in: 'body', name: 'transfer_data.amount' },
				description: `Destination charges only: send only this much to the destination (transfer_data[amount]) instead of the amount minus the fee, ${IN_AMOUNT_UNIT}; cannot be combined with an application fee`,
			}),
			bodyText('transferGroup', 'Transfer Group', 'transfer_group'),
		]),
		...metadataFields(false),
	],
});

export const paymentIntentCreateOperation = paymentIntentCreate.option;
export const paymentIntentCreateDescription: INodeProperties[] = paymentIntentCreate.properties;
