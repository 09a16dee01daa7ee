import { describe, expect, it } from 'vitest';

import {
	checkBoolean,
	checkCountry,
	checkCurrency,
	checkDelayDays,
	checkInteger,
	checkOption,
	checkOptions,
	checkStripeContext,
	checkStripeId,
	checkUrl,
	currencyDecimals,
	toUnixSeconds,
} from '../../../nodes/shared/validation';

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

describe('checkOption and checkOptions', () => {
	const units = [
		{ name: 'Smallest Unit (Cents)', value: 'minor' },
		{ name: 'Major Unit', value: 'major' },
	];

	it('take exactly one of the options', () => {
		expect(checkOption('major', 'Amount Unit', units)).toBe('major');
		expect(checkOptions(['minor', 'major'], 'Units', units)).toEqual(['minor', 'major']);
	});

	it.each(['Major', ' major', 'MAJOR', 'cents', '', null, undefined])(
		'refuse %j and list the allowed values',
		(value) => {
			expect(() => checkOption(value, 'Amount Unit', units)).toThrow(
				'is not one of the allowed values: "minor" (Smallest Unit (Cents)), "major" (Major Unit).',
			);
		},
	);

	it('refuse an empty selection and a repeated value', () => {
		expect(() => checkOptions([], 'Units', units)).toThrow('has nothing selected');
		expect(() => checkOptions(['minor', 'minor'], 'Units', units)).toThrow('twice');
	});
});

describe('checkBoolean and checkInteger', () => {
	it('read booleans and the strings an expression gives', () => {
		expect(checkBoolean('true', 'Confirm')).toBe(true);
		expect(checkBoolean(false, 'Confirm')).toBe(false);
		expect(() => checkBoolean('yes', 'Confirm')).toThrow('"yes" is not true or false');
	});

	it('read whole numbers in range', () => {
		expect(checkInteger('15', 'Monthly Anchor', 1, 31)).toBe(15);
		expect(() => checkInteger(32, 'Monthly Anchor', 1, 31)).toThrow('from 1 to 31 (got 32)');
		expect(() => checkInteger(0, 'Limit', 1, Number.MAX_SAFE_INTEGER)).toThrow(
			'Limit: must be a whole number of 1 or more (got 0)',
		);
	});
});

describe('toUnixSeconds', () => {
	it('accepts ISO dates, Unix seconds and Dates', () => {
		expect(toUnixSeconds('2026-01-01T00:00:00Z', 'F')).toBe(1767225600);
		expect(toUnixSeconds('1767225600', 'F')).toBe(1767225600);
		expect(toUnixSeconds(1767225600, 'F')).toBe(1767225600);
		expect(toUnixSeconds(new Date(1767225600_500), 'F')).toBe(1767225600);
	});

	it.each(['soon', true, [1], {}])('rejects %j, which is not a date', (value) => {
		expect(() => toUnixSeconds(value, 'Created After')).toThrow('Created After: ');
		expect(() => toUnixSeconds(value, 'Created After')).toThrow('is not a date');
	});
});

describe('checkStripeContext', () => {
	it.each(['acct_1V2', 'org_1Abc/acct_1V2', ' org_1Abc '])('accepts %j', (value) => {
		expect(checkStripeContext(value, 'Stripe Context')).toBe(value.trim());
	});

	it.each(['', 'cus_1', 'acct_1/', 'acct_1\r\nX: y', 'org_1 acct_2', 'acct_1/cus_2', 42, null])(
		'refuses %j',
		(value) => {
			expect(() => checkStripeContext(value, 'Stripe Context')).toThrow(
				'is not a Stripe context',
			);
		},
	);
});
