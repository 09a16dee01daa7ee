import type { INodeProperties } from 'n8n-workflow';

import { STRIPE_ID_PREFIXES } from '../../../shared/validation';
import { additionalFields, field, idField } from '../../shared/fields';
import { metadataFields } from '../../shared/metadataFields';
import { IN_SMALLEST_UNIT } from '../../shared/money';
import { stripeOperation } from '../../shared/operation';

export const showOnlyForRefundCreate = { operation: ['create'], resource: ['refund'] };

const refundCreate = stripeOperation({
	name: 'Create',
	value: 'create',
	action: 'Create a refund',
	description:
		'Refunds a payment intent or charge, all or part of it; for destination charges it can also pull the funds back from the connected account and refund the application fee',
	effect: 'movesMoney',
	method: 'POST',
	path: '/v1/refunds',
	show: showOnlyForRefundCreate,
	connectedAccount: true,
	fields: [
		field({
			name: 'refundOf',
			displayName: 'Refund Of',
			value: {
				kind: 'option',
				options: [
					{ name: 'Payment Intent', value: 'paymentIntent' },
					{ name: 'Charge', value: 'charge' },
				],
			},
		}),
		idField({
			name: 'paymentIntent',
			displayName: 'Payment Intent ID',
			prefixes: STRIPE_ID_PREFIXES.paymentIntent,
			to: { in: 'body', name: 'payment_intent' },
			when: { refundOf: ['paymentIntent'] },
		}),
		idField({
			name: 'charge',
			displayName: 'Charge ID',
			prefixes: STRIPE_ID_PREFIXES.charge,
			to: { in: 'body', name: 'charge' },
			when: { refundOf: ['charge'] },
		}),
		additionalFields([
			field({
				name: 'amount',
				displayName: 'Amount',
				value: { kind: 'amount' },
				to: { in: 'body', name: 'amount' },
				description: `How much to refund, ${IN_SMALLEST_UNIT}. Leave the field out to refund everything not yet refunded.`,
			}),
			field({
				name: 'reason',
				displayName: 'Reason',
				value: {
					kind: 'option',
					options: [
						{ name: 'Duplicate', value: 'duplicate' },
						{ name: 'Fraudulent', value: 'fraudulent' },
						{ name: 'Requested by Customer', value: 'requested_by_customer' },
					],
				},
				default: 'requested_by_customer',
				to: { in: 'body', name: 'reason' },
			}),
			field({
				name: 'refundApplicationFee',
				displayName: 'Refund Application Fee',
				value: { kind: 'boolean' },
				description: 'Whether to refund the application fee too, in proportion to the refund',
				to: { in: 'body', name: 'refund_application_fee' },
			}),
			field({
				name: 'reverseTransfer',
				displayName: 'Reverse Transfer',
				value: { kind: 'boolean' },
				description:
					'Whether to pull the refunded amount back from the destination connected account',
				to: { in: 'body', name: 'reverse_transfer' },
			}),
		]),
		...metadataFields(false),
	],
});

export const refundCreateOperation = refundCreate.option;
export const refundCreateDescription: INodeProperties[] = refundCreate.properties;
