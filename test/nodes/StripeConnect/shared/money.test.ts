/**
 * The wrong-amount findings of issue 12, each fed through an expression as workflows feed them: every
 * one is refused with an error naming the field, and nothing reaches the sandbox.
 */
import type { IDataObject } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import type { StripeSandbox } from '../../../../stripe-sandbox';
import { expectSingleRequest, runFixture, runFixtureOk, useSandbox } from '../support/fixtureRuns';

let sandbox: StripeSandbox;
let destination: string;
let vip: string;

useSandbox((started) => {
	sandbox = started;
	destination = sandbox.state.createConnectedAccount({ country: 'US' }).id;
	vip = sandbox.state.createConnectedAccount({ country: 'US' }).id;
	sandbox.state.fundBalance({ currency: 'usd', amount: 10_000_000 });
	sandbox.state.fundBalance({ account: destination, currency: 'usd', amount: 10_000_000 });
});

async function expectRefused(fixture: string, input: IDataObject, ...messages: string[]) {
	const result = await runFixture(sandbox, fixture, [input]);
	for (const message of messages) expect(result.error?.message).toContain(message);
	expect(result.error?.description).toContain('Nothing was sent to Stripe');
	expect(sandbox.requests()).toEqual([]);
}

const NOT_AN_AMOUNT_UNIT = ['Major', 'MAJOR', ' major', 'cents', '', null];
const NOTHING = [
	['an empty string', ''],
	['spaces', '   '],
	['null', null],
	['an empty list', []],
] as const;

describe('Amount Unit is one of its options, or the run stops', () => {
	it.each(NOT_AN_AMOUNT_UNIT)('transfer.create refuses Amount Unit %j', async (unit) => {
		await expectRefused(
			'transfer-create-input',
			{ destination, amount: 12, currency: 'usd', unit },
			'Amount Unit: ',
			'is not one of the allowed values: "minor" (Smallest Unit (Cents)), "major" (Major Unit)',
		);
	});

	it.each(NOT_AN_AMOUNT_UNIT)('payout.create refuses Amount Unit %j', async (unit) => {
		await expectRefused(
			'payout-create-input',
			{ account: destination, amount: 12, currency: 'usd', unit },
			'Amount Unit: ',
			'"minor" (Smallest Unit (Cents)), "major" (Major Unit)',
		);
	});

	it.each(NOT_AN_AMOUNT_UNIT)('paymentIntent.create refuses Amount Unit %j', async (unit) => {
		await expectRefused(
			'payment-intent-create-input',
			{ amount: 12, currency: 'usd', unit, destination, feeMode: 'none' },
			'Amount Unit: ',
			'"minor" (Smallest Unit (Cents)), "major" (Major Unit)',
		);
	});

	it('still converts "major" exactly: 12 USD is 1200 cents', async () => {
		await runFixtureOk(sandbox, 'transfer-create-input', [
			{ destination, amount: 12, currency: 'usd', unit: 'major' },
		]);
		expectSingleRequest(sandbox, {
			method: 'POST',
			path: '/v1/transfers',
			rawBody: `amount=1200&currency=usd&destination=${destination}`,
		});
	});
});

describe('Application Fee is one of its options, or the run stops', () => {
	it.each(['Fixed', 'FIXED', '', 'None'])('refuses the mode %j', async (feeMode) => {
		await expectRefused(
			'payment-intent-create-input',
			{ amount: 1000, currency: 'usd', unit: 'minor', destination, feeMode, fee: 100 },
			'Application Fee: ',
			'"none" (None), "fixed" (Fixed Amount), "schedule" (Fee Schedule)',
		);
	});
});

describe('an optional amount that is added but resolves to nothing is refused, not left to Stripe', () => {
	const cases = [
		[
			'refund-create-amount-input',
			{ paymentIntent: 'pi_123' },
			'amount',
			'Additional Fields → Amount',
		],
		[
			'transfer-reversal-create-amount-input',
			{ transfer: 'tr_123' },
			'amount',
			'Additional Fields → Amount',
		],
		[
			'application-fee-refund-amount-input',
			{ fee: 'fee_123' },
			'amount',
			'Additional Fields → Amount',
		],
		[
			'payment-intent-capture-amounts-input',
			{ paymentIntent: 'pi_123', fee: 10 },
			'amountToCapture',
			'Additional Fields → Amount to Capture',
		],
		[
			'payment-intent-capture-amounts-input',
			{ paymentIntent: 'pi_123', amountToCapture: 100 },
			'fee',
			'Additional Fields → Application Fee Amount',
		],
		[
			'payment-intent-create-transfer-amount-input',
			{ amount: 2000, unit: 'minor', destination: 'acct_1Example' },
			'transferAmount',
			'Additional Fields → Transfer Amount',
		],
	] as const;

	for (const [fixture, base, key, field] of cases) {
		it.each(NOTHING)(`${fixture}: ${field} given %s`, async (_, empty) => {
			await expectRefused(fixture, { ...base, [key]: empty }, `${field}: is added but`);
		});

		it(`${fixture}: ${field} missing from the item`, async () => {
			await expectRefused(fixture, { ...base }, `${field}: is added but`);
		});
	}
});

describe('every fee number goes through the strict amount and percent parsers', () => {
	const schedule = {
		amount: 10000,
		unit: 'minor',
		destination,
		percent: 2.9,
		fixed: 30,
		overrideAccount: 'acct_other',
		overridePercent: 1,
		overrideFixed: 0,
	};

	it.each(['0x10', '1e3', true, [30], '', null])('refuses Fee Fixed Amount %j', async (fixed) => {
		await expectRefused(
			'payment-intent-create-fee-schedule-input',
			{ ...schedule, destination, fixed },
			'Fee Fixed Amount: ',
		);
	});

	it.each(['0x10', '1e3', true, [30], null, '101'])('refuses Fee Percent %j', async (percent) => {
		await expectRefused(
			'payment-intent-create-fee-schedule-input',
			{ ...schedule, destination, percent },
			'Fee Percent: ',
		);
	});

	it.each([null, '', true, [1]])('refuses an override Percent %j', async (overridePercent) => {
		await expectRefused(
			'payment-intent-create-fee-schedule-input',
			{ ...schedule, destination, overridePercent },
			'Fee Schedule → Overrides → Percent: ',
		);
	});

	it.each(['0x10', null, [5]])('refuses an override Fixed Amount %j', async (overrideFixed) => {
		await expectRefused(
			'payment-intent-create-fee-schedule-input',
			{ ...schedule, destination, overrideFixed },
			'Fee Schedule → Overrides → Fixed Amount: ',
		);
	});

	it('takes the fee numbers in the Amount Unit: 2.5% + 0.30 USD of 100.00 USD is 280 cents', async () => {
		await runFixtureOk(sandbox, 'payment-intent-create-fee-schedule-input', [
			{
				...schedule,
				destination,
				unit: 'major',
				amount: 100,
				percent: 2.5,
				fixed: 0.3,
				overrideAccount: vip,
				overrideFixed: 0.1,
			},
		]);
		expectSingleRequest(sandbox, {
			method: 'POST',
			path: '/v1/payment_intents',
			rawBody: `amount=10000&currency=usd&transfer_data[destination]=${destination}&capture_method=automatic&application_fee_amount=280`,
		});
	});

	it('takes a fixed fee in the Amount Unit: 1.50 USD is 150 cents', async () => {
		await runFixtureOk(sandbox, 'payment-intent-create-input', [
			{ amount: 20, currency: 'usd', unit: 'major', destination, feeMode: 'fixed', fee: 1.5 },
		]);
		expectSingleRequest(sandbox, {
			method: 'POST',
			path: '/v1/payment_intents',
			rawBody: `amount=2000&currency=usd&transfer_data[destination]=${destination}&capture_method=automatic&application_fee_amount=150`,
		});
	});
});

describe('Transfer Amount follows Amount Unit like every amount of the operation', () => {
	it('sends 100 and 90 major units as 10000 and 9000 cents', async () => {
		await runFixtureOk(sandbox, 'payment-intent-create-transfer-amount-input', [
			{ amount: 100, unit: 'major', destination, transferAmount: 90 },
		]);
		expectSingleRequest(sandbox, {
			method: 'POST',
			path: '/v1/payment_intents',
			rawBody: `amount=10000&currency=usd&transfer_data[destination]=${destination}&transfer_data[amount]=9000&capture_method=automatic`,
		});
	});

	it('sends minor units unchanged', async () => {
		await runFixtureOk(sandbox, 'payment-intent-create-transfer-amount-input', [
			{ amount: 100, unit: 'minor', destination, transferAmount: 90 },
		]);
		expect(sandbox.requests()[0].body).toMatchObject({
			amount: '100',
			transfer_data: { amount: '90' },
		});
	});
});
