import { STRIPE_ID_PREFIXES, StripeInputError } from '../../../shared/validation';
import type { Field } from '../../shared/fields';
import { field, idField } from '../../shared/fields';
import { destinationAccountField } from '../../shared/money';
import type { ParameterReader } from '../../shared/parameterReader';
import type { RequestDraft } from '../../shared/parameters';

const forDirectCharge = { chargeType: ['direct'] };

/** Additional fields that only a destination charge can send, by the body key each writes. */
const DESTINATION_ONLY: Array<[string, string]> = [
	['transfer_data', 'Additional Fields → Transfer Amount'],
	['on_behalf_of', 'Additional Fields → On Behalf Of'],
];

/**
 * Refuses what a direct charge cannot carry: it is made on the connected account itself
 * (Stripe-Account), so its funds are never transferred (`transfer_data`) and the account is already
 * the merchant of record (`on_behalf_of`). Checked before the application fee, so the error names the
 * field to remove rather than the fee.
 */
function checkDirectCharge(_reader: ParameterReader, draft: RequestDraft): void {
	if (draft.values.get('chargeType') !== 'direct') return;
	for (const [key, fieldName] of DESTINATION_ONLY) {
		if (draft.request.body[key] === undefined) continue;
		throw new StripeInputError(
			fieldName,
			'is only for destination charges: a direct charge is made on the connected account and its funds stay there. Remove the field, or set Charge Type to Destination Charge.',
		);
	}
}

/**
 * Charge Type and the account each type pays: a destination charge is made on the platform and sends
 * the funds to Destination Account (`transfer_data[destination]`, never with Stripe-Account); a direct
 * charge is made on the Connected Account (the Stripe-Account header) and keeps the application fee
 * for the platform.
 */
export function chargeTypeFields(): Field[] {
	return [
		{
			...field({
				name: 'chargeType',
				displayName: 'Charge Type',
				value: {
					kind: 'option',
					options: [
						{
							name: 'Destination Charge',
							value: 'destination',
							description:
								'Made on the platform, funds transferred to a connected account; the platform pays the Stripe fee and handles refunds and disputes',
						},
						{
							name: 'Direct Charge',
							value: 'direct',
							description:
								'Made on the connected account (e.g. Standard accounts); the account pays the Stripe fee and handles refunds and disputes',
						},
					],
				},
				description:
					'Where the payment is made. Both can keep an application fee for the platform.',
			}),
			steps: [checkDirectCharge],
		},
		destinationAccountField({ in: 'body', name: 'transfer_data.destination' }),
		idField({
			name: 'connectedAccount',
			displayName: 'Connected Account',
			prefixes: STRIPE_ID_PREFIXES.account,
			to: { in: 'stripeAccount' },
			description:
				'The connected account the payment is made on (sent as the Stripe-Account header)',
			when: forDirectCharge,
		}),
	];
}
