import type { IDataObject } from 'n8n-workflow';

import { applicationFeeForAccount, type FeeRate } from '../../../shared/applicationFee';
import { StripeInputError, STRIPE_ID_PREFIXES, describeValue } from '../../../shared/validation';
import type { Field } from '../../shared/fields';
import { field, readByStep } from '../../shared/fields';
import { AMOUNT_UNIT_MONEY, IN_AMOUNT_UNIT } from '../../shared/money';
import type { ParameterReader } from '../../shared/parameterReader';
import type { RequestDraft } from '../../shared/parameters';
import { checkValue } from '../../shared/checkValue';
import type { AmountUnit } from '../../../shared/amounts';

const forFixedFee = { applicationFeeMode: ['fixed'] };
const forFeeSchedule = { applicationFeeMode: ['schedule'] };

function readOverrides(
	reader: ParameterReader,
	money: { unit: AmountUnit; currency?: string },
): Record<string, FeeRate> {
	const { set, value } = reader.read('feeOverrides.overrides');
	if (!set) return {};
	if (!Array.isArray(value)) {
		throw new StripeInputError(
			'Fee Schedule → Overrides',
			`${describeValue(value)} is not a list.`,
		);
	}
	const overrides: Record<string, FeeRate> = {};
	for (const row of value as IDataObject[]) {
		const account = checkValue(
			{ kind: 'id', prefixes: STRIPE_ID_PREFIXES.account },
			row.account,
			'Fee Schedule → Overrides → Account',
		) as string;
		overrides[account] = {
			percent: checkValue(
				{ kind: 'percent' },
				row.percent,
				'Fee Schedule → Overrides → Percent',
			) as string,
			fixedAmount: checkValue(
				{ kind: 'amount', allowZero: true },
				row.fixedAmount,
				'Fee Schedule → Overrides → Fixed Amount',
				money,
			) as number,
		};
	}
	return overrides;
}

/**
 * Sets `application_fee_amount` from the chosen Application Fee mode: "Fixed Amount" takes the entered
 * fee, "Fee Schedule" computes it from the (already converted) charge amount and the override of the
 * account the funds go to (a destination charge's destination, a direct charge's connected account)
 * or the default rate. Every fee amount follows the operation's Amount Unit.
 */
function applyApplicationFee(reader: ParameterReader, draft: RequestDraft): void {
	const mode = draft.values.get('applicationFeeMode');
	if (mode === 'none') return;
	const { body } = draft.request;
	const transferData = body.transfer_data as IDataObject | undefined;
	if (transferData?.amount !== undefined) {
		throw new StripeInputError(
			'Application Fee',
			'cannot be combined with Transfer Amount: Stripe keeps amount − transfer amount for the platform. Set Application Fee to None, or remove Transfer Amount.',
		);
	}
	const money = {
		unit: draft.values.get(AMOUNT_UNIT_MONEY.unitParameter) as AmountUnit,
		currency: draft.values.get(AMOUNT_UNIT_MONEY.currencyParameter) as string,
	};
	const amount = body.amount as number;
	let fee: number;
	if (mode === 'fixed') {
		fee = reader.check(
			'applicationFeeAmount',
			'Application Fee Amount',
			{ kind: 'amount' },
			money,
		) as number;
	} else {
		const payingAccount = draft.request.stripeAccount ?? (transferData?.destination as string);
		fee = applicationFeeForAccount(amount, payingAccount, {
			defaultRate: {
				percent: reader.check('feePercent', 'Fee Percent', { kind: 'percent' }) as string,
				fixedAmount: reader.check(
					'feeFixedAmount',
					'Fee Fixed Amount',
					{ kind: 'amount', allowZero: true },
					money,
				) as number,
			},
			overrides: readOverrides(reader, money),
		});
	}
	if (fee > amount) {
		throw new StripeInputError(
			'Application Fee Amount',
			`(${fee}) is larger than the amount (${amount}). Lower the fee.`,
		);
	}
	body.application_fee_amount = fee;
}

/** Application Fee (None, Fixed Amount or Fee Schedule) and the fields each mode reads. */
export function applicationFeeFields(): Field[] {
	return [
		{
			...field({
				name: 'applicationFeeMode',
				displayName: 'Application Fee',
				value: {
					kind: 'option',
					options: [
						{
							name: 'None',
							value: 'none',
							description:
								'The platform keeps nothing (a destination charge can keep a share with Transfer Amount instead)',
						},
						{
							name: 'Fixed Amount',
							value: 'fixed',
							description: 'A fixed fee in the unit Amount Unit chooses',
						},
						{
							name: 'Fee Schedule',
							value: 'schedule',
							description: 'Percent of the amount plus a fixed part, with per-account overrides',
						},
					],
				},
			}),
			steps: [applyApplicationFee],
		},
		readByStep(
			field({
				name: 'applicationFeeAmount',
				displayName: 'Application Fee Amount',
				value: { kind: 'amount' },
				description: `The platform fee, ${IN_AMOUNT_UNIT}`,
				when: forFixedFee,
			}),
		),
		readByStep(
			field({
				name: 'feePercent',
				displayName: 'Fee Percent',
				value: { kind: 'percent' },
				typeOptions: { minValue: 0, maxValue: 100, numberPrecision: 4 },
				description:
					'Percent of the amount, e.g. 2.9. The percentage part is rounded half up to a whole minor unit.',
				when: forFeeSchedule,
			}),
		),
		readByStep(
			field({
				name: 'feeFixedAmount',
				displayName: 'Fee Fixed Amount',
				value: { kind: 'amount', allowZero: true },
				typeOptions: { minValue: 0 },
				description: `Added to the percentage part, ${IN_AMOUNT_UNIT}; zero for none`,
				when: forFeeSchedule,
			}),
		),
		{
			property: {
				displayName: 'Fee Overrides',
				name: 'feeOverrides',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				placeholder: 'Add Override',
				default: {},
				description: 'A different rate for specific connected accounts',
				displayOptions: { show: forFeeSchedule },
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
							{
								displayName: 'Fixed Amount',
								name: 'fixedAmount',
								type: 'number',
								default: 0,
								description: `Added to the percentage part, ${IN_AMOUNT_UNIT}`,
							},
						],
					},
				],
			},
			params: [],
		},
	];
}
