import { describe, expect, it } from 'vitest';

import {
	checkMinorAmount,
	checkPercent,
	majorToMinorUnits,
	parseAmount,
} from '../../../nodes/shared/amounts';
import { StripeInputError } from '../../../nodes/shared/validation';

describe('majorToMinorUnits', () => {
	it.each([
		['12.34', 'usd', 1234],
		[12.3, 'usd', 1230],
		[0.1, 'eur', 10],
		['19.99', 'eur', 1999],
		['1200', 'jpy', 1200],
		['1200.0', 'jpy', 1200],
		['1.234', 'kwd', 1234],
		['0.005', 'kwd', 5],
		['90071992547409.91', 'usd', 9007199254740991],
	])('%s %s → %i with exact decimal arithmetic', (value, currency, minor) => {
		expect(majorToMinorUnits(value, currency, 'Amount')).toBe(minor);
	});

	it.each([
		['12.345', 'usd', 'usd has 2 decimals, so 12.345 is too precise'],
		['12.5', 'jpy', 'jpy has no minor unit'],
		['1.2345', 'kwd', 'kwd has 3 decimals'],
		['-5', 'usd', 'is not a positive decimal amount'],
		['1e3', 'usd', 'is not a positive decimal amount'],
		['0.00', 'usd', 'must be greater than zero'],
		['90071992547409.92', 'usd', 'is too large'],
	])('rejects %s %s', (value, currency, message) => {
		expect(() => majorToMinorUnits(value, currency, 'Amount')).toThrow(message);
	});
});

describe('checkMinorAmount', () => {
	it('accepts positive integers as numbers or strings', () => {
		expect(checkMinorAmount(1050, 'Amount')).toBe(1050);
		expect(checkMinorAmount(' 7 ', 'Amount')).toBe(7);
	});

	it.each([
		[10.5, 'is not a whole number'],
		['1,000', 'is not a whole number'],
		[0, 'must be greater than zero'],
		[-1, 'must be greater than zero'],
		['', 'is empty'],
		[undefined, 'is empty'],
		[2 ** 60, 'too large'],
	])('rejects %s', (value, message) => {
		expect(() => checkMinorAmount(value, 'Amount')).toThrow(message);
	});

	it('names the field in a StripeInputError', () => {
		try {
			checkMinorAmount(0, 'Transfer Amount');
			expect.unreachable();
		} catch (error) {
			expect(error).toBeInstanceOf(StripeInputError);
			expect((error as StripeInputError).field).toBe('Transfer Amount');
		}
	});
});

describe('parseAmount', () => {
	it('reads minor units as whole numbers and major units exactly', () => {
		expect(parseAmount(1050, 'Amount', { unit: 'minor' })).toBe(1050);
		expect(parseAmount('10.50', 'Amount', { unit: 'major', currency: 'usd' })).toBe(1050);
		expect(parseAmount(1200, 'Amount', { unit: 'major', currency: 'jpy' })).toBe(1200);
	});

	it.each([
		['0x10', 'is not a whole number'],
		['1e3', 'is not a whole number'],
		[true, 'true is not an amount'],
		[[30], '[30] is not an amount'],
		[{ value: 1 }, 'is not an amount'],
		['', 'is empty'],
		[null, 'is empty'],
		[Number.NaN, 'is not a whole number'],
	])('refuses %j instead of reading it as a number', (value, message) => {
		expect(() => parseAmount(value, 'Fee Fixed Amount', { unit: 'minor' })).toThrow(message);
		expect(() => parseAmount(value, 'Fee Fixed Amount', { unit: 'minor' })).toThrow(
			'Fee Fixed Amount: ',
		);
	});

	it('accepts zero only where a field allows it', () => {
		expect(parseAmount(0, 'Fee Fixed Amount', { unit: 'minor', allowZero: true })).toBe(0);
		expect(
			parseAmount('0.00', 'Fee Fixed Amount', { unit: 'major', currency: 'usd', allowZero: true }),
		).toBe(0);
		expect(() => parseAmount(0, 'Amount', { unit: 'minor' })).toThrow('greater than zero');
	});
});

describe('checkPercent', () => {
	it('returns the exact decimal text', () => {
		expect(checkPercent(2.9, 'Fee Percent')).toBe('2.9');
		expect(checkPercent(' 33.333333 ', 'Fee Percent')).toBe('33.333333');
	});

	it.each([null, true, [3], '0x10', '1e1', '101', '-1', ''])('refuses %j', (value) => {
		expect(() => checkPercent(value, 'Fee Percent')).toThrow(
			'is not a percentage between 0 and 100',
		);
	});
});
