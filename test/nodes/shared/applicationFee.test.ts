import { describe, expect, it } from 'vitest';

import {
	applicationFeeForAccount,
	computeApplicationFee,
} from '../../../nodes/shared/applicationFee';

describe('computeApplicationFee', () => {
	it.each([
		[1000, '2.9', 30, 59],
		[1050, '2.9', 30, 60],
		[10050, 2.9, 30, 321],
		[10050, 1.5, 0, 151],
		[50, '1', 0, 1],
		[49, '1', 0, 0],
		[1000, '0', 0, 0],
		[333, '33.333333', 0, 111],
		[1000, '100', 0, 1000],
	])('%i at %s%% + %i → %i (half up)', (amount, percent, fixedAmount, fee) => {
		expect(computeApplicationFee(amount, { percent, fixedAmount })).toBe(fee);
	});

	it('rejects a fee larger than the amount', () => {
		expect(() => computeApplicationFee(100, { percent: '10', fixedAmount: 95 })).toThrow(
			'the computed fee (105) is larger than the amount (100)',
		);
	});

	it.each(['101', '-1', 'abc', '2.1234567'])('rejects the percentage %s', (percent) => {
		expect(() => computeApplicationFee(100, { percent, fixedAmount: 0 })).toThrow(
			'is not a percentage between 0 and 100',
		);
	});

	it('rejects a fractional fixed amount', () => {
		expect(() => computeApplicationFee(100, { percent: '1', fixedAmount: 2.5 })).toThrow(
			'Fee Schedule → Fixed Amount',
		);
	});
});

describe('applicationFeeForAccount', () => {
	const schedule = {
		defaultRate: { percent: '10', fixedAmount: 5 },
		overrides: { acct_vip: { percent: '2', fixedAmount: 0 } },
	};

	it('uses the override of the account when there is one', () => {
		expect(applicationFeeForAccount(1000, 'acct_vip', schedule)).toBe(20);
	});

	it('uses the default rate for other accounts', () => {
		expect(applicationFeeForAccount(1000, 'acct_other', schedule)).toBe(105);
	});
});
