import { NodeHelpers } from 'n8n-workflow';
import type { INodeProperties } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { parseAccountFilter } from '../../../nodes/StripeConnectTrigger/accountFilter';
import { eventsFromFor, readChoice } from '../../../nodes/StripeConnectTrigger/activationSettings';
import {
	enabledEventsFor,
	isSelectedType,
	stripeConnectEventOptions,
} from '../../../nodes/StripeConnectTrigger/events';
import {
	retrieveAsConnectedAccount,
	retrievePathFor,
} from '../../../nodes/StripeConnectTrigger/latestObject';
import type { StripeEvent } from '../../../nodes/StripeConnectTrigger/latestObject';
import {
	SEEN_EVENT_ID_LIMIT,
	rememberEventId,
} from '../../../nodes/StripeConnectTrigger/seenEvents';
import { encodeStripeForm } from '../../../nodes/shared/transport/formEncoding';
import { StripeConnectTrigger } from '../../../nodes/StripeConnectTrigger/StripeConnectTrigger.node';
import { readTriggerOptions } from '../../../nodes/StripeConnectTrigger/triggerOptions';

describe('remembering event ids', () => {
	it('returns the ids with the new one appended, without touching the stored array', () => {
		const stored = ['evt_1', 'evt_2'];
		expect(rememberEventId(stored, 'evt_3')).toEqual(['evt_1', 'evt_2', 'evt_3']);
		expect(stored).toEqual(['evt_1', 'evt_2']);
	});

	it('says an id was already seen', () => {
		expect(rememberEventId(['evt_1', 'evt_2'], 'evt_1')).toBeUndefined();
	});

	it('forgets the oldest ids beyond the limit', () => {
		const full = Array.from({ length: SEEN_EVENT_ID_LIMIT }, (_, index) => `evt_${index}`);
		const next = rememberEventId(full, 'evt_new')!;
		expect(next).toHaveLength(SEEN_EVENT_ID_LIMIT);
		expect(next[0]).toBe('evt_1');
		expect(next[next.length - 1]).toBe('evt_new');
		expect(rememberEventId(['a', 'b', 'c'], 'd', 3)).toEqual(['b', 'c', 'd']);
	});
});

describe('the connected account filter', () => {
	it('accepts ids separated by commas, spaces or line breaks, once each', () => {
		expect(parseAccountFilter(' acct_1A, acct_2B\nacct_1A  acct_3C ')).toEqual({
			ids: ['acct_1A', 'acct_2B', 'acct_3C'],
		});
		expect(parseAccountFilter('')).toEqual({ ids: [] });
		expect(parseAccountFilter(undefined)).toEqual({ ids: [] });
	});

	it('names the entry that is not an account id', () => {
		expect(parseAccountFilter('acct_1A, po_123')).toEqual({
			problem: expect.stringContaining('"po_123" in Connected Account IDs') as unknown as string,
		});
	});
});

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

describe('Stripe form encoding', () => {
	it('encodes arrays with indices, nested objects with brackets and escapes values', () => {
		expect(
			encodeStripeForm({
				url: 'https://n8n.example/webhook/a b',
				enabled_events: ['payout.paid', 'payout.failed'],
				connect: true,
				api_version: undefined,
				metadata: { source: 'connect', note: 'a&b=c' },
				description: null,
			}),
		).toBe(
			'url=https%3A%2F%2Fn8n.example%2Fwebhook%2Fa%20b&enabled_events[0]=payout.paid&enabled_events[1]=payout.failed&connect=true&metadata[source]=connect&metadata[note]=a%26b%3Dc&description=',
		);
	});
});

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

describe('options read at activation', () => {
	const choice = {
		field: 'Delivery',
		options: [
			{ value: 'webhookEndpoints', name: 'Webhook Endpoints' },
			{ value: 'eventDestination', name: 'Event Destination' },
		],
	};

	it('takes exactly one of the offered values', () => {
		expect(readChoice('eventDestination', choice)).toBe('eventDestination');
	});

	it('refuses anything else, naming the field and the values it takes', () => {
		for (const value of ['EventDestination', ' eventDestination', '', null, undefined, 1, ['x']]) {
			expect(readChoice(value, choice), String(value)).toEqual({
				problem: `"Delivery" is ${JSON.stringify(value) ?? 'undefined'}. Choose one of: Webhook Endpoints (webhookEndpoints), Event Destination (eventDestination).`,
			});
		}
	});

	it('reads the options: unset switches are off, set ones exactly true or false', () => {
		expect(readTriggerOptions({})).toEqual({
			toleranceSeconds: 300,
			fetchLatestObject: false,
			fetchRelatedObject: false,
			deduplicateAcrossProcesses: false,
		});
		expect(
			readTriggerOptions({
				toleranceSeconds: 60,
				fetchRelatedObject: true,
				fetchLatestObject: false,
			}),
		).toMatchObject({ toleranceSeconds: 60, fetchRelatedObject: true, fetchLatestObject: false });
	});

	it('refuses a switch that is not true or false, naming the option', () => {
		for (const [name, label] of [
			['fetchLatestObject', 'Fetch Latest Object'],
			['fetchRelatedObject', 'Fetch Related Object'],
			['deduplicateAcrossProcesses', 'Deduplicate Across Processes'],
		]) {
			for (const value of ['true', 'false', 1, 0, '', null]) {
				expect(readTriggerOptions({ [name]: value }), `${name} ${String(value)}`).toEqual({
					problem: `${label} is ${JSON.stringify(value)}. Turn it on or off (true or false).`,
				});
			}
		}
		expect(readTriggerOptions({ toleranceSeconds: 0 })).toEqual({
			problem: expect.stringMatching(/^Signature Tolerance \(Seconds\) is 0\./) as string,
		});
	});

	it('maps the Source to the events_from of a destination', () => {
		expect(eventsFromFor('connect')).toEqual(['@accounts']);
		expect(eventsFromFor('platform')).toEqual(['@self']);
		expect(eventsFromFor('both')).toEqual(['@accounts', '@self']);
	});
});

describe('the node description', () => {
	const { description, webhookMethods } = new StripeConnectTrigger();

	it('is a webhook trigger named stripeConnectTrigger with the full lifecycle', () => {
		expect(description.name).toBe('stripeConnectTrigger');
		expect(description.group).toEqual(['trigger']);
		expect(description.webhooks).toEqual([
			expect.objectContaining({ name: 'default', httpMethod: 'POST', path: 'webhook' }),
		]);
		expect(Object.keys(webhookMethods.default).sort()).toEqual(['checkExists', 'create', 'delete']);
		expect(description.credentials).toEqual([
			{ name: 'stripeConnectApi', required: true, testedBy: 'stripeConnectApiTest' },
		]);
	});

	it('has a subtitle and distinct light and dark icons', () => {
		expect(description.subtitle).toContain('$parameter["source"]');
		expect(description.icon).toEqual({
			light: 'file:stripeConnectTrigger.svg',
			dark: 'file:stripeConnectTrigger.dark.svg',
		});
	});

	it('asks for the event payload only with an event destination, and keeps webhook endpoints by default', () => {
		const shown = (values: Record<string, unknown>) =>
			Object.keys(
				NodeHelpers.getNodeParameters(
					description.properties,
					values as never,
					true,
					false,
					{ typeVersion: 1 },
					description,
				) ?? {},
			);
		expect(shown({})).not.toContain('eventPayload');
		expect(shown({}).includes('delivery')).toBe(true);
		expect(
			NodeHelpers.getNodeParameters(description.properties, {}, true, false, null, description),
		).toMatchObject({ delivery: 'webhookEndpoints' });
		expect(shown({ delivery: 'eventDestination' })).toContain('eventPayload');
	});

	it('offers Fetch Related Object with thin events and Fetch Latest Object otherwise', () => {
		const options = description.properties.find((property) => property.name === 'options');
		const option = (name: string) =>
			options?.options?.find(
				(candidate) => 'name' in candidate && candidate.name === name,
			) as INodeProperties;
		const offered = (name: string, root: Record<string, unknown>) =>
			NodeHelpers.displayParameter(
				{},
				option(name),
				{ typeVersion: 1 },
				description,
				root as never,
			);
		expect(offered('fetchLatestObject', { delivery: 'webhookEndpoints' })).toBe(true);
		expect(offered('fetchRelatedObject', { delivery: 'webhookEndpoints' })).toBe(false);
		const thin = { delivery: 'eventDestination', eventPayload: 'thin' };
		expect(offered('fetchLatestObject', thin)).toBe(false);
		expect(offered('fetchRelatedObject', thin)).toBe(true);
		const snapshot = { delivery: 'eventDestination', eventPayload: 'snapshot' };
		expect(offered('fetchLatestObject', snapshot)).toBe(true);
		expect(offered('fetchRelatedObject', snapshot)).toBe(false);
	});

	it('defaults the signature tolerance to 300 seconds', () => {
		const options = description.properties.find((property) => property.name === 'options');
		const tolerance = options?.options?.find(
			(option) => 'name' in option && option.name === 'toleranceSeconds',
		);
		expect(tolerance).toMatchObject({ default: 300, typeOptions: { minValue: 1 } });
	});
});
