import { describe, expect, it } from 'vitest';

import {
	retrieveAsConnectedAccount,
	retrievePathFor,
} from '../../../nodes/StripeConnectTrigger/latestObject';
import type { StripeEvent } from '../../../nodes/StripeConnectTrigger/latestObject';

function event(object: Record<string, unknown>, account?: string): StripeEvent {
	return { id: 'evt_1', type: 'x', account, data: { object } } as StripeEvent;
}

describe('fetching the latest object', () => {
	it('retrieves objects of the connected account as that account', () => {
		const payoutEvent = event({ id: 'po_1', object: 'payout' }, 'acct_1');
		expect(retrievePathFor(payoutEvent)).toBe('/v1/payouts/po_1');
		expect(retrieveAsConnectedAccount(payoutEvent)).toBe(true);
		expect(retrievePathFor(event({ id: 'du_1', object: 'dispute' }, 'acct_1'))).toBe(
			'/v1/disputes/du_1',
		);
	});

	it('retrieves accounts, capabilities and external accounts through the platform', () => {
		const capability = event(
			{ id: 'card_payments', object: 'capability', account: 'acct_1' },
			'acct_1',
		);
		expect(retrievePathFor(capability)).toBe('/v1/accounts/acct_1/capabilities/card_payments');
		expect(retrieveAsConnectedAccount(capability)).toBe(false);
		const account = event({ id: 'acct_1', object: 'account' }, 'acct_1');
		expect(retrievePathFor(account)).toBe('/v1/accounts/acct_1');
		expect(retrieveAsConnectedAccount(account)).toBe(false);
		expect(
			retrievePathFor(event({ id: 'ba_1', object: 'bank_account', account: 'acct_1' }, 'acct_1')),
		).toBe('/v1/accounts/acct_1/external_accounts/ba_1');
	});

	it('retrieves platform objects without acting as an account', () => {
		const transfer = event({ id: 'tr_1', object: 'transfer' });
		expect(retrievePathFor(transfer)).toBe('/v1/transfers/tr_1');
		expect(retrieveAsConnectedAccount(transfer)).toBe(false);
		expect(retrievePathFor(event({ object: 'balance' }, 'acct_1'))).toBe('/v1/balance');
	});

	it('has no retrieve call for unknown objects', () => {
		expect(retrievePathFor(event({ id: 'x_1', object: 'mystery' }))).toBeUndefined();
		expect(retrievePathFor(event({ object: 'payout' }))).toBeUndefined();
	});
});
