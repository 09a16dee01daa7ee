import { describe, expect, it } from 'vitest';

import {
	StripeInputError,
	checkCountry,
	checkCurrency,
	checkDelayDays,
	checkMinorAmount,
	checkStripeId,
	checkUrl,
	currencyDecimals,
	majorToMinorUnits,
} from '../../../../nodes/shared/validation';

describe('currencyDecimals', () => {
	it.each([
		['usd', 2],
		['eur', 2],
		['jpy', 0],
		['krw', 0],
		['xof', 0],
		['kwd', 3],
		['bhd', 3],
	])('%s has %i decimals', (currency, decimals) => {
		expect(currencyDecimals(currency)).toBe(decimals);
	});
});

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

describe('checkCurrency', () => {
	it('accepts lowercase ISO codes', () => {
		expect(checkCurrency(' usd ', 'Currency')).toBe('usd');
	});

	it.each([
		['USD', 'must be lowercase. Use "usd"'],
		['Eur', 'must be lowercase. Use "eur"'],
		['us', 'is not a currency code'],
		['€', 'is not a currency code'],
		['', 'is empty'],
	])('rejects %s', (value, message) => {
		expect(() => checkCurrency(value, 'Currency')).toThrow(message);
	});
});

describe('checkStripeId', () => {
	it('returns the trimmed ID when the prefix fits', () => {
		expect(checkStripeId(' acct_123 ', 'Account ID', ['acct_'])).toBe('acct_123');
		expect(checkStripeId('du_1', 'Dispute ID', ['dp_', 'du_'])).toBe('du_1');
	});

	it.each([
		['po_1', ['tr_'], 'must start with tr_…'],
		['tr_1/../x', ['tr_'], 'is not a Stripe ID'],
		['', ['tr_'], 'is empty'],
		[42, ['tr_'], 'is empty'],
	])('rejects %s', (value, prefixes, message) => {
		expect(() => checkStripeId(value, 'Transfer ID', prefixes)).toThrow(message);
	});
});

describe('checkDelayDays', () => {
	it('accepts "minimum" and whole days up to 365', () => {
		expect(checkDelayDays('minimum', 'Delay Days')).toBe('minimum');
		expect(checkDelayDays(' 7 ', 'Delay Days')).toBe(7);
		expect(checkDelayDays(0, 'Delay Days')).toBe(0);
	});

	it.each(['two', '-1', '366', '2.5', ''])('rejects %s', (value) => {
		expect(() => checkDelayDays(value, 'Delay Days')).toThrow('Delay Days: ');
	});
});

describe('checkCountry', () => {
	it('returns the two-letter code in uppercase', () => {
		expect(checkCountry(' de ', 'Country')).toBe('DE');
	});

	it.each(['DEU', 'D', '', 'D1'])('rejects %s', (value) => {
		expect(() => checkCountry(value, 'Country')).toThrow('Country: ');
	});
});

describe('checkUrl', () => {
	it.each(['https://example.com/done', 'http://localhost:5678/return', 'https://shop.example.com'])(
		'accepts %s',
		(value) => {
			expect(checkUrl(value, 'Return URL')).toBe(value);
		},
	);

	it.each(['example.com/done', '/done', 'ftp://example.com', 'https://', ''])(
		'rejects %s',
		(value) => {
			expect(() => checkUrl(value, 'Return URL')).toThrow('is not an absolute URL');
		},
	);
});
