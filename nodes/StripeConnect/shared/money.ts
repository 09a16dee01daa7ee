import { STRIPE_ID_PREFIXES } from '../../shared/validation';
import type { Field } from './fields';
import { field, idField } from './fields';
import type { MoneyFields, Target } from './parameters';

/** The parameters that say how an operation's amounts are entered. */
export const AMOUNT_UNIT_MONEY: MoneyFields = {
	unitParameter: 'amountUnit',
	currencyParameter: 'currency',
};

/** How an amount field of an operation with an Amount Unit describes its unit. */
export const IN_AMOUNT_UNIT =
	'in the unit Amount Unit chooses (smallest unit, e.g. 1050 for $10.50, or major unit, e.g. 10.50)';

/** How an amount field of an operation without an Amount Unit describes its unit. */
export const IN_SMALLEST_UNIT =
	'in the smallest currency unit (e.g. 1050 for $10.50, 1050 for ¥1050)';

/*
 * Amount, Currency, Amount Unit and Destination Account are declared once here for every operation
 * that has them (Payment Intent, Payout and Transfer → Create), word for word, so the node has one
 * property of each name: n8n's RoutingNode resolves an item's value once per property of the value's
 * name, twice per item, before the first request leaves, so every further declaration of `amount`
 * cost two more evaluations of the item's Amount expression (docs/benchmarks.md, bulk-transfers).
 */

/**
 * Amount, Currency and Amount Unit of an operation that moves money. The amount, and every other
 * amount field of the operation, is entered in the unit Amount Unit chooses; major units are
 * converted exactly with the currency's decimals. Currency and unit are checked first, so the
 * amounts can use them.
 */
export function amountWithCurrencyFields(): Field[] {
	return [
		field({
			name: 'amount',
			displayName: 'Amount',
			value: { kind: 'amount' },
			to: { in: 'body', name: 'amount' },
			description: `How much to charge, pay out or transfer, ${IN_AMOUNT_UNIT}`,
		}),
		field({
			name: 'currency',
			displayName: 'Currency',
			value: { kind: 'currency' },
			to: { in: 'body', name: 'currency' },
			default: 'usd',
			placeholder: 'usd',
			description: 'Three-letter ISO currency code in lowercase, e.g. usd, eur, jpy',
		}),
		field({
			name: 'amountUnit',
			displayName: 'Amount Unit',
			value: {
				kind: 'option',
				options: [
					{
						name: 'Smallest Unit (Cents)',
						value: 'minor',
						description: 'Integer in the smallest unit: 1050 is $10.50, 1050 is ¥1050',
					},
					{
						name: 'Major Unit',
						value: 'major',
						description:
							'Decimal in the main unit, converted exactly: 10.5 USD → 1050, 1050 JPY → 1050, 1.234 KWD → 1234',
					},
				],
			},
			description: 'How every amount field of this operation is entered',
		}),
	];
}

/**
 * The connected account that receives the funds of a transfer or a destination charge. Hidden for a
 * direct charge (Payment Intent's Charge Type), whose funds stay on the account it is made on;
 * Transfer → Create has no Charge Type, so there it always shows.
 */
export function destinationAccountField(to: Target): Field {
	return idField({
		name: 'destination',
		displayName: 'Destination Account',
		prefixes: STRIPE_ID_PREFIXES.account,
		to,
		description: 'The connected account (acct_…) that receives the funds',
		hiddenWhen: { chargeType: ['direct'] },
	});
}
