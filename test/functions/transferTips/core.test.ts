import { describe, expect, it } from 'vitest';

import {
	aggregateTips,
	availableForTransfers,
	buildTransferCreatedEvent,
	buildTransferPlannedEvent,
	currenciesCoveredByBalance,
	indexExistingTransfers,
	planTipTransfers,
	recipientsToCheck,
	summarizeTipRun,
	tipAfterRefunds,
	type PaymentIntentRecord,
	type RecipientAccount,
} from '../../../functions/transferTips/core';
import { parsePayPeriod } from '../../../functions/transferTips/period';

const period = parsePayPeriod('2026-W46', 'UTC');
const keys = { amount: 'tip_amount', recipient: 'tip_recipient' };
const minimums = { byCurrency: { jpy: 100 }, fallback: 100 };
let sequence = 0;

function payment(
	overrides: Partial<PaymentIntentRecord> & { tip?: string; to?: string; refunded?: number } = {},
): PaymentIntentRecord {
	const { tip, to, refunded, ...rest } = overrides;
	const amount = rest.amount ?? 5_000;
	return {
		id: `pi_${++sequence}`,
		status: 'succeeded',
		amount,
		amount_received: amount,
		currency: 'usd',
		created: period.start + 3600,
		metadata: {
			...(tip === undefined ? {} : { tip_amount: tip }),
			...(to === undefined ? {} : { tip_recipient: to }),
		},
		latest_charge: { id: `ch_${sequence}`, amount, amount_refunded: refunded ?? 0 },
		...rest,
	};
}

describe('aggregateTips', () => {
	it('sums tips per recipient and currency, in a stable order', () => {
		const aggregation = aggregateTips(
			[
				payment({ tip: '300', to: 'acct_B' }),
				payment({ tip: '200', to: 'acct_A' }),
				payment({ tip: '450', to: 'acct_B' }),
				payment({ tip: '500', to: 'acct_A', currency: 'jpy', amount: 3_000 }),
				payment({}),
			],
			keys,
			period,
		);
		expect(aggregation.groups).toEqual([
			{ recipient: 'acct_A', currency: 'jpy', amount: 500, tipCount: 1, refundedTips: 0 },
			{ recipient: 'acct_A', currency: 'usd', amount: 200, tipCount: 1, refundedTips: 0 },
			{ recipient: 'acct_B', currency: 'usd', amount: 750, tipCount: 2, refundedTips: 0 },
		]);
		expect(aggregation.paymentsScanned).toBe(5);
		expect(aggregation.invalid).toEqual([]);
	});

	it('ignores payments that did not succeed or fall outside the period', () => {
		const aggregation = aggregateTips(
			[
				payment({ tip: '300', to: 'acct_A', status: 'requires_payment_method' }),
				payment({ tip: '300', to: 'acct_A', created: period.end }),
				payment({ tip: '300', to: 'acct_A', created: period.start - 1 }),
				payment({ tip: '300', to: 'acct_A', created: period.start }),
			],
			keys,
			period,
		);
		expect(aggregation.groups).toEqual([
			{ recipient: 'acct_A', currency: 'usd', amount: 300, tipCount: 1, refundedTips: 0 },
		]);
	});

	it('reduces a tip by the refunded share and pays nothing for a full refund', () => {
		expect(tipAfterRefunds(1_000, 10_000, 2_500)).toBe(750);
		expect(tipAfterRefunds(333, 1_000, 1)).toBe(332);
		expect(tipAfterRefunds(1_000, 10_000, 10_000)).toBe(0);
		expect(tipAfterRefunds(1_000, 10_000, 0)).toBe(1_000);
		const aggregation = aggregateTips(
			[
				payment({ tip: '1000', to: 'acct_A', amount: 10_000, refunded: 2_500 }),
				payment({ tip: '1000', to: 'acct_A', amount: 10_000, refunded: 10_000 }),
			],
			keys,
			period,
		);
		expect(aggregation.groups).toEqual([
			{ recipient: 'acct_A', currency: 'usd', amount: 750, tipCount: 2, refundedTips: 2 },
		]);
	});

	it('reports unusable tip metadata naming the key and the fix', () => {
		const bad = [
			payment({ tip: '2.50', to: 'acct_A' }),
			payment({ tip: '300', to: 'bob' }),
			payment({ tip: '300' }),
			payment({ to: 'acct_A' }),
			payment({ tip: '9000', to: 'acct_A', amount: 5_000 }),
		];
		const aggregation = aggregateTips(bad, keys, period);
		expect(aggregation.groups).toEqual([]);
		expect(aggregation.invalid.map((invalid) => [invalid.paymentIntent, invalid.field])).toEqual([
			[bad[0].id, 'metadata.tip_amount'],
			[bad[1].id, 'metadata.tip_recipient'],
			[bad[2].id, 'metadata.tip_recipient'],
			[bad[3].id, 'metadata.tip_amount'],
			[bad[4].id, 'metadata.tip_amount'],
		]);
		expect(aggregation.invalid[0].message).toMatch(/"2.50" is not a whole number of minor units/);
		expect(aggregation.invalid[1].message).toMatch(/"bob" is not a connected account id/);
	});

	it('reads the configured metadata keys', () => {
		const aggregation = aggregateTips(
			[payment({ metadata: { gratuity: '400', staff: 'acct_C' } })],
			{ amount: 'gratuity', recipient: 'staff' },
			period,
		);
		expect(aggregation.groups).toEqual([
			{ recipient: 'acct_C', currency: 'usd', amount: 400, tipCount: 1, refundedTips: 0 },
		]);
	});
});

describe('planTipTransfers', () => {
	const groups = [
		{ recipient: 'acct_paid', currency: 'usd', amount: 900, tipCount: 3, refundedTips: 0 },
		{ recipient: 'acct_small', currency: 'usd', amount: 99, tipCount: 1, refundedTips: 0 },
		{ recipient: 'acct_gone', currency: 'usd', amount: 500, tipCount: 2, refundedTips: 0 },
		{ recipient: 'acct_blocked', currency: 'usd', amount: 500, tipCount: 2, refundedTips: 0 },
		{ recipient: 'acct_ok', currency: 'jpy', amount: 1_200, tipCount: 4, refundedTips: 1 },
	];
	const existing = indexExistingTransfers(
		[
			{
				id: 'tr_1',
				amount: 900,
				currency: 'usd',
				destination: 'acct_paid',
				transfer_group: 'tips-2026-W46',
			},
			{
				id: 'tr_other',
				amount: 900,
				currency: 'usd',
				destination: 'acct_ok',
				transfer_group: 'tips-2026-W45',
			},
		],
		'tips-2026-W46',
	);

	/** Plans the groups above: acct_gone is not ours, acct_ok may receive transfers, acct_blocked may not. */
	function planWithBlockedCapability(transfersCapability: string) {
		const accounts = new Map<string, RecipientAccount | null>([
			['acct_gone', null],
			['acct_blocked', { id: 'acct_blocked', transfersCapability }],
			['acct_ok', { id: 'acct_ok', transfersCapability: 'active' }],
		]);
		return planTipTransfers({ periodId: '2026-W46', groups, existing, accounts, minimums });
	}

	it('looks up only recipients that are unpaid and above the minimum', () => {
		expect(recipientsToCheck(groups, existing, minimums)).toEqual([
			'acct_gone',
			'acct_blocked',
			'acct_ok',
		]);
	});

	it('decides every recipient: already paid, each skip reason, or a deterministic transfer', () => {
		const decisions = planWithBlockedCapability('inactive');
		expect(
			decisions.map((decision) => [
				decision.group.recipient,
				decision.kind,
				'reason' in decision ? decision.reason : '',
			]),
		).toEqual([
			['acct_paid', 'already_transferred', ''],
			['acct_small', 'skip', 'below_minimum'],
			['acct_gone', 'skip', 'not_connected_account'],
			['acct_blocked', 'skip', 'transfers_capability_inactive'],
			['acct_ok', 'transfer', ''],
		]);
		expect(decisions[4]).toEqual({
			kind: 'transfer',
			group: groups[4],
			idempotencyKey: 'tips-2026-W46-acct_ok-jpy',
			params: {
				amount: 1_200,
				currency: 'jpy',
				destination: 'acct_ok',
				transfer_group: 'tips-2026-W46',
				description: 'Tips for 2026-W46 (4 tips)',
				metadata: { tip_period: '2026-W46', tip_count: '4' },
			},
		});
		if (decisions[4].kind !== 'transfer') throw new Error('expected a transfer');
		expect(buildTransferPlannedEvent('2026-W46', decisions[4]).detail).toMatchObject({
			eventKey: 'tips:2026-W46:acct_ok:jpy:planned',
			account: 'acct_ok',
			payout: null,
			amount: 1_200,
			currency: 'jpy',
		});
	});

	it('announces a transfer found from an earlier run with the same eventKey as when it was created', () => {
		const transfer = {
			id: 'tr_9',
			amount: 500,
			currency: 'usd',
			destination: 'acct_x',
			transfer_group: 'tips-2026-W46',
		};
		const group = {
			recipient: 'acct_x',
			currency: 'usd',
			amount: 500,
			tipCount: 1,
			refundedTips: 0,
		};
		const fresh = buildTransferCreatedEvent('2026-W46', group, transfer, false);
		const found = buildTransferCreatedEvent('2026-W46', group, transfer, true);
		expect(found.detail.eventKey).toBe(fresh.detail.eventKey);
		expect(found.detail).toMatchObject({
			transfer: 'tr_9',
			foundExisting: true,
			amount: 500,
			currency: 'usd',
		});
	});

	it('summarises totals per currency and counts per outcome', () => {
		const decisions = planWithBlockedCapability('pending');
		const summary = summarizeTipRun({
			period,
			dryRun: false,
			aggregation: { groups, invalid: [], paymentsScanned: 12 },
			settled: decisions.map((decision) =>
				decision.kind === 'transfer'
					? {
							decision,
							result: {
								kind: 'failed' as const,
								code: 'balance_insufficient',
								message: 'Insufficient funds',
								requestId: 'req_1',
								statusCode: 400,
								outcomeUnknown: false,
								replayed: false,
							},
						}
					: { decision },
			),
		});
		expect(summary.counts).toEqual({
			created: 0,
			alreadyTransferred: 1,
			planned: 0,
			skipped: { below_minimum: 1, not_connected_account: 1, transfers_capability_inactive: 1 },
			failed: 1,
			notReached: 0,
		});
		expect(summary.totalsByCurrency).toEqual({
			usd: { transferred: 900, planned: 0, skipped: 1_099, failed: 0, notReached: 0 },
			jpy: { transferred: 0, planned: 0, skipped: 0, failed: 1_200, notReached: 0 },
		});
		expect(summary.recipients).toBe(5);
	});
});

describe('which currencies may be paid concurrently', () => {
	const transfer = (recipient: string, currency: string, amount: number) =>
		planTipTransfers({
			periodId: '2026-W46',
			groups: [{ recipient, currency, amount, tipCount: 1, refundedTips: 0 }],
			existing: new Map(),
			accounts: new Map([[recipient, { id: recipient, transfersCapability: 'active' }]]),
			minimums,
		});

	it('reads the card share of the available balance, per currency', () => {
		expect(
			availableForTransfers([
				{ amount: 5_000, currency: 'usd', source_types: { card: 4_000 } },
				{ amount: 300, currency: 'jpy' },
				{ amount: 700, currency: 'usd', source_types: null },
			]),
		).toEqual(
			new Map([
				['usd', 4_700],
				['jpy', 300],
			]),
		);
	});

	it('keeps a currency concurrent only when all its planned transfers fit together', () => {
		const decisions = [
			...transfer('acct_A', 'usd', 600),
			...transfer('acct_B', 'usd', 400),
			...transfer('acct_C', 'eur', 600),
			...transfer('acct_D', 'eur', 401),
			...transfer('acct_E', 'jpy', 1),
		];
		const available = new Map([
			['usd', 1_000],
			['eur', 1_000],
		]);
		// usd: 1,000 of 1,000 fits; eur: 1,001 of 1,000 does not; jpy: nothing available.
		expect([...currenciesCoveredByBalance(decisions, available)]).toEqual(['usd']);
	});
});
