import { describe, expect, it } from 'vitest';

import {
	enabledEventsFor,
	isSelectedType,
	stripeConnectEventOptions,
} from '../../../nodes/StripeConnectTrigger/events';

describe('enabled events', () => {
	it('sends only the wildcard when All Events is selected', () => {
		expect(enabledEventsFor(['payout.paid', '*'])).toEqual(['*']);
	});

	it('sorts and de-duplicates a selection', () => {
		expect(enabledEventsFor(['payout.paid', 'account.updated', 'payout.paid'])).toEqual([
			'account.updated',
			'payout.paid',
		]);
	});

	it('subscribes a thin destination to the thin twins of the v1 types', () => {
		expect(enabledEventsFor(['payout.failed', 'account.updated'], 'thin')).toEqual([
			'v1.account.updated',
			'v1.payout.failed',
		]);
		expect(enabledEventsFor(['payout.failed', '*'], 'thin')).toEqual(['*']);
	});

	it('matches a delivered type against the selection by payload', () => {
		expect(isSelectedType(['payout.failed'], 'payout.failed', 'snapshot')).toBe(true);
		expect(isSelectedType(['payout.failed'], 'v1.payout.failed', 'thin')).toBe(true);
		expect(isSelectedType(['payout.failed'], 'v1.payout.failed', 'snapshot')).toBe(false);
		expect(isSelectedType(['payout.failed'], 'payout.failed', 'thin')).toBe(false);
		expect(isSelectedType(['payout.failed'], 'v1.payout.paid', 'thin')).toBe(false);
		expect(isSelectedType(['payout.failed'], 'v2.core.account.updated', 'thin')).toBe(false);
		expect(isSelectedType(['*'], 'v2.core.account.updated', 'thin')).toBe(true);
	});

	it('offers every event type the issue names, and no retired ones', () => {
		const values = stripeConnectEventOptions.map((option) => option.value);
		for (const type of [
			'payout.created',
			'payout.updated',
			'payout.paid',
			'payout.failed',
			'payout.canceled',
			'payout.reconciliation_completed',
			'charge.dispute.created',
			'charge.dispute.updated',
			'charge.dispute.closed',
			'charge.dispute.funds_withdrawn',
			'charge.dispute.funds_reinstated',
			'account.updated',
			'account.application.deauthorized',
			'account.external_account.created',
			'account.external_account.updated',
			'account.external_account.deleted',
			'capability.updated',
			'balance.available',
			'transfer.created',
			'transfer.updated',
			'transfer.reversed',
			'application_fee.created',
			'application_fee.refunded',
			'*',
		]) {
			expect(values).toContain(type);
		}
		expect(values).not.toContain('transfer.paid');
		expect(values).not.toContain('transfer.failed');
	});
});
