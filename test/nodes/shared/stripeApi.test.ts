import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';

import {
	TESTED_STRIPE_API_VERSION,
	describeStripeKeyProblem,
	isLiveModeKey,
	pinnedApiVersion,
} from '../../../nodes/shared/stripeApi';

const key = (...parts: string[]) => parts.join('_');

describe('describeStripeKeyProblem', () => {
	it.each([
		key('sk', 'test', '51AbCdEf0123456789'),
		key('sk', 'live', '51AbCdEf0123456789'),
		key('rk', 'test', '51AbCdEf0123456789'),
		key('rk', 'live', '51AbCdEf0123456789'),
	])('accepts %s', (value) => {
		expect(describeStripeKeyProblem(value)).toBeUndefined();
	});

	it.each([
		[undefined, /empty/],
		['', /empty/],
		[` ${key('sk', 'test', 'abcdefghijk')}`, /spaces or line breaks/],
		[key('pk', 'test', 'abcdefghijk'), /publishable key/],
		[key('whsec', 'abcdefghijk'), /webhook signing secret/],
		[key('sk', 'prod', 'abcdefghijk'), /malformed/],
		[key('sk', 'test', 'abc-def!ghij'), /malformed/],
		[key('sk', 'test', 'short'), /malformed/],
	])('explains what is wrong with %j', (value, message) => {
		expect(describeStripeKeyProblem(value)).toMatch(message);
	});

	it('never repeats the key in its message', () => {
		const wrong = key('sk', 'tset', 'secretvalue123');
		expect(describeStripeKeyProblem(wrong)).not.toContain('secretvalue123');
	});
});

describe('isLiveModeKey', () => {
	it('tells live keys from test keys', () => {
		expect(isLiveModeKey(key('rk', 'live', 'abcdefghij'))).toBe(true);
		expect(isLiveModeKey(key('sk', 'test', 'abcdefghij'))).toBe(false);
	});
});

describe('TESTED_STRIPE_API_VERSION', () => {
	it('is the version the stripe SDK used by the jobs pins', () => {
		expect(TESTED_STRIPE_API_VERSION).toBe(Stripe.API_VERSION);
	});
});

describe('pinnedApiVersion', () => {
	it('returns the trimmed version, or undefined for the account default', () => {
		expect(pinnedApiVersion({ apiVersion: ' 2026-10-28.endive ' })).toBe('2026-10-28.endive');
		expect(pinnedApiVersion({ apiVersion: '  ' })).toBeUndefined();
		expect(pinnedApiVersion({})).toBeUndefined();
	});
});
