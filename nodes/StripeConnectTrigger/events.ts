import type { INodePropertyOptions } from 'n8n-workflow';

import type { EventPayload } from './triggerStaticData';

/** Stripe's wildcard: the endpoint receives every event type. */
export const ALL_EVENTS = '*';

/**
 * The event types the trigger offers, grouped as a Connect platform meets them. Values are Stripe's
 * own event type names (they cross the wire as `enabled_events[]`).
 */
export const stripeConnectEventOptions: INodePropertyOptions[] = [
	{
		name: 'All Events',
		value: ALL_EVENTS,
		description: 'Every event Stripe sends to the endpoint',
	},
	{ name: 'Account Application Deauthorized', value: 'account.application.deauthorized' },
	{ name: 'Account External Account Created', value: 'account.external_account.created' },
	{ name: 'Account External Account Deleted', value: 'account.external_account.deleted' },
	{ name: 'Account External Account Updated', value: 'account.external_account.updated' },
	{ name: 'Account Updated', value: 'account.updated' },
	{ name: 'Application Fee Created', value: 'application_fee.created' },
	{ name: 'Application Fee Refunded', value: 'application_fee.refunded' },
	{ name: 'Balance Available', value: 'balance.available' },
	{ name: 'Capability Updated', value: 'capability.updated' },
	{ name: 'Dispute Closed', value: 'charge.dispute.closed' },
	{ name: 'Dispute Created', value: 'charge.dispute.created' },
	{ name: 'Dispute Funds Reinstated', value: 'charge.dispute.funds_reinstated' },
	{ name: 'Dispute Funds Withdrawn', value: 'charge.dispute.funds_withdrawn' },
	{ name: 'Dispute Updated', value: 'charge.dispute.updated' },
	{ name: 'Payout Canceled', value: 'payout.canceled' },
	{ name: 'Payout Created', value: 'payout.created' },
	{ name: 'Payout Failed', value: 'payout.failed' },
	{ name: 'Payout Paid', value: 'payout.paid' },
	{ name: 'Payout Reconciliation Completed', value: 'payout.reconciliation_completed' },
	{ name: 'Payout Updated', value: 'payout.updated' },
	{ name: 'Transfer Created', value: 'transfer.created' },
	{ name: 'Transfer Reversed', value: 'transfer.reversed' },
	{ name: 'Transfer Updated', value: 'transfer.updated' },
];

/** Stripe's prefix of a thin event for a v1 event type: `v1.payout.failed` stands for `payout.failed`. */
export const THIN_V1_PREFIX = 'v1.';

/**
 * The `enabled_events` to register for a selection: `['*']` when "All Events" is among them,
 * otherwise the selection de-duplicated and sorted, so comparing with Stripe's list is stable. A thin
 * event destination subscribes to the thin twins of the v1 types (`v1.payout.failed`).
 */
export function enabledEventsFor(selected: string[], payload: EventPayload = 'snapshot'): string[] {
	if (selected.includes(ALL_EVENTS)) return [ALL_EVENTS];
	const types = [...new Set(selected)].sort();
	return payload === 'thin' ? types.map((type) => `${THIN_V1_PREFIX}${type}`) : types;
}

/**
 * Whether a delivered event's type is among the selected ones: `payout.failed` for a snapshot,
 * `v1.payout.failed` for a thin event. Other thin types (`v2.…`) start only with "All Events".
 */
export function isSelectedType(selected: string[], type: string, payload: EventPayload): boolean {
	if (selected.includes(ALL_EVENTS)) return true;
	if (payload === 'snapshot') return selected.includes(type);
	return type.startsWith(THIN_V1_PREFIX) && selected.includes(type.slice(THIN_V1_PREFIX.length));
}
