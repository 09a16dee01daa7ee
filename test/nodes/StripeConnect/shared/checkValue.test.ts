import { describe, expect, it } from 'vitest';

import type { StripeSandbox } from '../../../../stripe-sandbox';
import { outputJson, runFixture, useSandbox } from '../support/fixtureRuns';

let sandbox: StripeSandbox;
let destination: string;

useSandbox(async (started) => {
	sandbox = started;
	destination = sandbox.state.createConnectedAccount({ country: 'DE' }).id;
	sandbox.state.fundBalance({ currency: 'eur', amount: 1_000_00 });
	sandbox.state.fundBalance({ currency: 'jpy', amount: 100_000 });
	sandbox.state.fundBalance({ currency: 'kwd', amount: 100_000 });
});

const valid = { destination: '', amount: 1000, currency: 'eur', unit: 'minor' };

describe('input is checked before anything is sent', () => {
	it.each([
		[{ amount: 10.5 }, 'Amount: "10.5" is not a whole number'],
		[{ amount: 0 }, 'Amount: must be greater than zero (got 0)'],
		[{ amount: -300 }, 'Amount: must be greater than zero (got -300)'],
		[{ amount: '' }, 'Amount: is required. Fill it in.'],
		[{ currency: 'EUR' }, 'Currency: "EUR" must be lowercase. Use "eur"'],
		[{ currency: 'euro' }, 'Currency: "euro" is not a currency code'],
		[
			{ destination: 'ac_123' },
			'Destination Account: "ac_123" is not the right kind of ID. It must start with acct_…',
		],
		[{ destination: 'acct 1' }, 'Destination Account: "acct 1" is not a Stripe ID'],
		[
			{ unit: 'major', currency: 'jpy', amount: 12.5 },
			'Amount: jpy has no minor unit, so 12.5 cannot be charged',
		],
		[
			{ unit: 'major', currency: 'usd', amount: 12.345 },
			'Amount: usd has 2 decimals, so 12.345 is too precise',
		],
		[
			{ unit: 'major', currency: 'kwd', amount: 1.2345 },
			'Amount: kwd has 3 decimals, so 1.2345 is too precise',
		],
		[{ unit: 'major', currency: 'eur', amount: 0 }, 'Amount: must be greater than zero (got 0)'],
	])('rejects %j naming the field and the fix', async (override, message) => {
		const input = { ...valid, destination, ...override };

		const result = await runFixture(sandbox, 'transfer-create-input', [input]);

		expect(result.error?.message).toContain(message);
		expect(result.error?.description).toContain('Nothing was sent to Stripe');
		expect(sandbox.requests()).toEqual([]);
	});

	it('rejects a source transaction of the wrong kind naming the field and the fix', async () => {
		const result = await runFixture(sandbox, 'transfer-create-source-input', [
			{ ...valid, destination, source: 'pi_123' },
		]);

		expect(result.error?.message).toContain(
			'Source Transaction: "pi_123" is not the right kind of ID. It must start with ch_… or py_…',
		);
		expect(result.error?.description).toContain('Nothing was sent to Stripe');
		expect(sandbox.requests()).toEqual([]);
	});

	it.each([
		['jpy', 1200, 1200],
		['kwd', 1.234, 1234],
		['eur', 19.99, 1999],
		['eur', 0.1, 10],
	])('converts %s %s in major units to %i', async (currency, amount, minor) => {
		const result = await runFixture(sandbox, 'transfer-create-input', [
			{ ...valid, destination, currency, amount, unit: 'major' },
		]);

		expect(result.error).toBeUndefined();
		expect(sandbox.requests()[0].body.amount).toBe(String(minor));
		expect(outputJson(result)[0]).toMatchObject({ amount: minor, currency });
	});

	it.each([
		[{ key: '' }, 'Metadata → Key: is empty'],
		[{ key: 'k'.repeat(41) }, 'must be at most 40 characters'],
		[{ key: 'a[b]' }, 'without square brackets'],
		[{ key: 'same', key2: 'same' }, 'Metadata → Key: "same" appears twice'],
		[{ value: 'v'.repeat(501) }, 'Metadata → Value: for "order" is 501 characters'],
		[{ clearAll: true }, '"Clear All Metadata" removes every key'],
	])('rejects metadata %j', async (override, message) => {
		const input = {
			transfer: 'tr_123',
			key: 'order',
			value: '1',
			key2: 'note',
			clearAll: false,
			...override,
		};

		const result = await runFixture(sandbox, 'transfer-update-metadata-input', [input]);

		expect(result.error?.message).toContain(message);
		expect(sandbox.requests()).toEqual([]);
	});

	it.each([
		[
			'payout-get',
			{ payout: 'tr_123', account: 'acct_1' },
			'Payout ID: "tr_123" is not the right kind of ID. It must start with po_…',
		],
		['transfer-get', { transfer: '' }, 'Transfer ID: is required'],
		[
			'transfer-reversal-get',
			{ transfer: 'tr_1', reversal: 're_1' },
			'Reversal ID: "re_1" is not the right kind of ID. It must start with trr_…',
		],
		[
			'balance-transaction-get',
			{ transaction: 'ch_1', account: 'acct_1' },
			'Balance Transaction ID: "ch_1" is not the right kind of ID. It must start with txn_…',
		],
		[
			'event-get',
			{ event: 'ev_1' },
			'Event ID: "ev_1" is not the right kind of ID. It must start with evt_…',
		],
		[
			'external-account-get',
			{ account: 'acct_1', bankAccount: 'pm_1' },
			'External Account ID: "pm_1" is not the right kind of ID. It must start with ba_… or card_…',
		],
		[
			'balance-get-connected',
			{ account: 'cus_123' },
			'Connected Account: "cus_123" is not the right kind of ID. It must start with acct_…',
		],
		[
			'account-get-many',
			{ after: 'last tuesday' },
			'Filters → Created After: "last tuesday" is not a date',
		],
		[
			'transfer-create-user-key',
			{ destination: 'acct_1', key: 'has space' },
			'Options → Idempotency Key: may only contain printable characters without spaces',
		],
		[
			'transfer-create-user-key',
			{ destination: 'acct_1', key: 'k'.repeat(256) },
			'Options → Idempotency Key: is longer than 255 characters',
		],
		[
			'transfer-get-many',
			{ destination: '', group: '', returnAll: false, limit: 0 },
			'Limit: must be a whole number of 1 or more (got 0)',
		],
		[
			'account-link-create-input',
			{ account: 'acct_1', returnUrl: 'example.com/done' },
			'Return URL: "example.com/done" is not an absolute URL',
		],
		['account-create-input', { country: 'Germany' }, 'Country: "Germany" is not a country code'],
		[
			'payout-schedule-update-input',
			{ account: 'acct_1', delay: 'two days' },
			'Delay Days: "two days" is not a delay',
		],
		[
			'event-get-many-types-input',
			{ types: 'payout.paid, payout.*' },
			'Filters → Types: "payout.*" has a wildcard, which Stripe only accepts in the Type filter',
		],
		[
			'event-get-many-types-input',
			{ types: 'payout paid' },
			'Filters → Types: "payout paid" is not an event type',
		],
		[
			'event-get-many-types-input',
			{ types: Array.from({ length: 21 }, (_, i) => `payout.type_${'x'.repeat(i + 1)}`).join(',') },
			'Filters → Types: 21 event types given; Stripe accepts at most 20',
		],
	])('rejects bad input of %s: %j', async (fixture, input, message) => {
		const result = await runFixture(sandbox, fixture, [input]);

		expect(result.error?.message).toContain(message);
		expect(sandbox.requests()).toEqual([]);
	});

	it.each([
		[
			{ amount: 20, vip: 'acct_vip' },
			'Fee Schedule: the computed fee (31) is larger than the amount (20)',
		],
		[
			{ amount: 1000, vip: 'cus_1' },
			'Fee Schedule → Overrides → Account: "cus_1" is not the right kind of ID',
		],
	])('rejects a fee schedule problem %j', async (input, message) => {
		const result = await runFixture(sandbox, 'payment-intent-create-fee-schedule', [
			{ destination, ...input },
		]);

		expect(result.error?.message).toContain(message);
		expect(sandbox.requests()).toEqual([]);
	});
});
