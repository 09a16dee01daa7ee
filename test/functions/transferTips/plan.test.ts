import { describe, expect, it } from 'vitest';

import {
	buildTransferCreatedEvent,
	buildTransferPlannedEvent,
} from '../../../functions/transferTips/events';
import {
	indexExistingTransfers,
	planTipTransfers,
	recipientsToCheck,
	type RecipientAccount,
} from '../../../functions/transferTips/plan';
import { summarizeTipRun } from '../../../functions/transferTips/summary';
import { parsePayPeriod } from '../../../functions/transferTips/period';

const period = parsePayPeriod('2026-W46', 'UTC');
const minimums = { byCurrency: { jpy: 100 }, fallback: 100 };

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
