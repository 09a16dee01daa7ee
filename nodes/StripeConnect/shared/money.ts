import type { Field } from './fields';
import { field } from './fields';
import type { MoneyFields } from './parameters';

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

/**
 * Currency, Amount Unit and Amount of an operation that moves money. The amount, and every other
 * amount field of the operation, is entered in the unit Amount Unit chooses; major units are
 * converted exactly with the currency's decimals. Currency and unit are checked first, so the
 * amounts can use them.
 */
export function amountWithCurrencyFields(amountDescription: string): Field[] {
	return [
		field({
			name: 'amount',
			displayName: 'Amount',
			value: { kind: 'amount' },
			to: { in: 'body', name: 'amount' },
			description: `${amountDescription}, ${IN_AMOUNT_UNIT}`,
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
