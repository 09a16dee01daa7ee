import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { decodeStripeForm, validateStripeRequest } from '../../../../stripe-sandbox';
import { stripeDefinitions } from '../../../../stripe-sandbox/definitions/loadDefinitions';

/** One request exactly as the SDK sent it. */
interface Captured {
	method: string;
	path: string;
	query: string;
	body: string;
	contentType: string;
}

/**
 * A sampled call of the official SDK for every endpoint the node uses, with the parameters the node
 * offers for it (docs/node.md), each named by the SDK method that must send it.
 */
const ACCOUNT = 'acct_1SampledAccount';
const SAMPLE_CALLS: Array<[string, (stripe: Stripe) => Promise<unknown>]> = [
	[
		'accounts.create',
		(s) =>
			s.accounts.create({
				controller: {
					fees: { payer: 'application' },
					losses: { payments: 'application' },
					requirement_collection: 'application',
					stripe_dashboard: { type: 'none' },
				},
				country: 'DE',
				capabilities: { transfers: { requested: true }, card_payments: { requested: true } },
				business_type: 'company',
				email: 'seller@example.test',
				business_profile: {
					name: 'Shop',
					mcc: '5734',
					product_description: 'Books',
					support_email: 'help@example.test',
					support_phone: '+4930123456',
					url: 'https://shop.example.test',
				},
				metadata: { seller_id: '42' },
				expand: ['capabilities'],
			}),
	],
	['accounts.del', (s) => s.accounts.del(ACCOUNT)],
	['accounts.retrieve', (s) => s.accounts.retrieve(ACCOUNT, { expand: ['external_accounts'] })],
	[
		'accounts.list',
		(s) =>
			s.accounts.list({
				limit: 100,
				created: { gte: 1_700_000_000, lte: 1_800_000_000 },
				starting_after: 'acct_0',
			}),
	],
	['accounts.retrieveCurrent', (s) => s.accounts.retrieveCurrent({ expand: ['settings'] })],
	[
		'accounts.reject',
		(s) => s.accounts.reject(ACCOUNT, { reason: 'fraud_other', payouts_action: 'pause' }),
	],
	[
		'accounts.update',
		(s) =>
			s.accounts.update(ACCOUNT, {
				email: 'new@example.test',
				business_profile: { name: 'Shop 2', support_url: '' },
				settings: {
					payouts: {
						schedule: { interval: 'weekly', weekly_anchor: 'friday', delay_days: 'minimum' },
					},
				},
				metadata: { old: '', tier: 'gold' },
			}),
	],
	[
		'accountLinks.create',
		(s) =>
			s.accountLinks.create({
				account: ACCOUNT,
				type: 'account_onboarding',
				return_url: 'https://shop.example.test/done',
				refresh_url: 'https://shop.example.test/retry',
				collection_options: { fields: 'eventually_due', future_requirements: 'include' },
			}),
	],
	[
		'accountSessions.create',
		(s) =>
			s.accountSessions.create({
				account: ACCOUNT,
				components: {
					account_onboarding: { enabled: true },
					payouts: { enabled: true, features: { instant_payouts: true, standard_payouts: true } },
				},
			}),
	],
	['applicationFees.retrieve', (s) => s.applicationFees.retrieve('fee_1')],
	[
		'applicationFees.list',
		(s) => s.applicationFees.list({ charge: 'ch_1', created: { gt: 1_700_000_000 }, limit: 10 }),
	],
	['applicationFees.listRefunds', (s) => s.applicationFees.listRefunds('fee_1', { limit: 100 })],
	[
		'applicationFees.createRefund',
		(s) => s.applicationFees.createRefund('fee_1', { amount: 100, metadata: { why: 'goodwill' } }),
	],
	['balance.retrieve', (s) => s.balance.retrieve({}, { stripeAccount: ACCOUNT })],
	[
		'balanceTransactions.retrieve',
		(s) => s.balanceTransactions.retrieve('txn_1', {}, { stripeAccount: ACCOUNT }),
	],
	[
		'balanceTransactions.list',
		(s) =>
			s.balanceTransactions.list(
				{
					payout: 'po_1',
					type: 'charge',
					currency: 'eur',
					source: 'ch_1',
					created: { lt: 1_800_000_000 },
					limit: 100,
				},
				{ stripeAccount: ACCOUNT },
			),
	],
	['accounts.retrieveCapability', (s) => s.accounts.retrieveCapability(ACCOUNT, 'card_payments')],
	['accounts.listCapabilities', (s) => s.accounts.listCapabilities(ACCOUNT)],
	[
		'accounts.updateCapability',
		(s) => s.accounts.updateCapability(ACCOUNT, 'transfers', { requested: true }),
	],
	['disputes.close', (s) => s.disputes.close('dp_1', {}, { stripeAccount: ACCOUNT })],
	['disputes.retrieve', (s) => s.disputes.retrieve('dp_1', { expand: ['charge'] })],
	[
		'disputes.list',
		(s) =>
			s.disputes.list({ charge: 'ch_1', payment_intent: 'pi_1', created: { gte: 1_700_000_000 } }),
	],
	[
		'disputes.update',
		(s) =>
			s.disputes.update('dp_1', {
				evidence: {
					product_description: 'A book',
					customer_name: 'Ada',
					shipping_tracking_number: 'Z1',
					uncategorized_text: 'Delivered',
				},
				submit: false,
				metadata: { case: '7' },
			}),
	],
	['events.retrieve', (s) => s.events.retrieve('evt_1', {}, { stripeAccount: ACCOUNT })],
	[
		'events.list',
		(s) =>
			s.events.list({
				types: ['payout.paid', 'payout.failed'],
				created: { gte: 1_700_000_000 },
				limit: 100,
			}),
	],
	['accounts.retrieveExternalAccount', (s) => s.accounts.retrieveExternalAccount(ACCOUNT, 'ba_1')],
	[
		'accounts.listExternalAccounts',
		(s) => s.accounts.listExternalAccounts(ACCOUNT, { object: 'bank_account', limit: 10 }),
	],
	['accounts.createLoginLink', (s) => s.accounts.createLoginLink(ACCOUNT)],
	[
		'paymentIntents.cancel',
		(s) => s.paymentIntents.cancel('pi_1', { cancellation_reason: 'requested_by_customer' }),
	],
	[
		'paymentIntents.capture',
		(s) => s.paymentIntents.capture('pi_1', { amount_to_capture: 900, application_fee_amount: 90 }),
	],
	[
		'paymentIntents.create',
		(s) =>
			s.paymentIntents.create({
				amount: 4_000,
				currency: 'eur',
				application_fee_amount: 400,
				transfer_data: { destination: ACCOUNT, amount: 3_600 },
				on_behalf_of: ACCOUNT,
				capture_method: 'manual',
				confirm: true,
				customer: 'cus_1',
				description: 'Order 42',
				payment_method: 'pm_card_visa',
				receipt_email: 'buyer@example.test',
				transfer_group: 'order_42',
				metadata: { order_id: '42' },
			}),
	],
	[
		'paymentIntents.retrieve',
		(s) => s.paymentIntents.retrieve('pi_1', {}, { stripeAccount: ACCOUNT }),
	],
	[
		'paymentIntents.list',
		(s) =>
			s.paymentIntents.list({ customer: 'cus_1', created: { lte: 1_800_000_000 }, limit: 100 }),
	],
	[
		'paymentIntents.search',
		(s) =>
			s.paymentIntents.search({
				query: "status:'succeeded' AND metadata['order_id']:'42'",
				limit: 100,
				page: 'next_1',
			}),
	],
	[
		'paymentIntents.update',
		(s) =>
			s.paymentIntents.update('pi_1', {
				amount: 5_000,
				application_fee_amount: 500,
				description: 'Order 42b',
				transfer_group: 'order_42',
				metadata: '',
			}),
	],
	['payouts.cancel', (s) => s.payouts.cancel('po_1', {}, { stripeAccount: ACCOUNT })],
	[
		'payouts.create',
		(s) =>
			s.payouts.create(
				{
					amount: 1_000,
					currency: 'eur',
					method: 'instant',
					description: 'Weekly',
					destination: 'ba_1',
					statement_descriptor: 'SHOP',
					metadata: { week: '46' },
				},
				{ stripeAccount: ACCOUNT },
			),
	],
	['payouts.retrieve', (s) => s.payouts.retrieve('po_1', { expand: ['balance_transaction'] })],
	[
		'payouts.list',
		(s) =>
			s.payouts.list(
				{
					arrival_date: { gte: 1_700_000_000 },
					created: { lt: 1_800_000_000 },
					destination: 'ba_1',
					status: 'failed',
					limit: 100,
				},
				{ stripeAccount: ACCOUNT },
			),
	],
	['payouts.reverse', (s) => s.payouts.reverse('po_1', { metadata: { why: 'duplicate' } })],
	['payouts.update', (s) => s.payouts.update('po_1', { metadata: { checked: 'yes', old: '' } })],
	['refunds.cancel', (s) => s.refunds.cancel('re_1')],
	[
		'refunds.create',
		(s) =>
			s.refunds.create({
				payment_intent: 'pi_1',
				amount: 500,
				reason: 'requested_by_customer',
				refund_application_fee: true,
				reverse_transfer: true,
				metadata: { ticket: '9' },
			}),
	],
	['refunds.retrieve', (s) => s.refunds.retrieve('re_1')],
	[
		'refunds.list',
		(s) => s.refunds.list({ charge: 'ch_1', payment_intent: 'pi_1', created: { gt: 1 }, limit: 3 }),
	],
	['refunds.update', (s) => s.refunds.update('re_1', { metadata: '' })],
	[
		'transfers.create',
		(s) =>
			s.transfers.create({
				amount: 2_500,
				currency: 'eur',
				destination: ACCOUNT,
				description: 'Tips',
				source_transaction: 'ch_1',
				transfer_group: 'week_46',
				metadata: { week: '46' },
			}),
	],
	['transfers.retrieve', (s) => s.transfers.retrieve('tr_1', { expand: ['destination'] })],
	[
		'transfers.list',
		(s) =>
			s.transfers.list({
				destination: ACCOUNT,
				transfer_group: 'week_46',
				created: { gte: 1 },
				limit: 100,
			}),
	],
	[
		'transfers.update',
		(s) => s.transfers.update('tr_1', { description: 'Tips for week 46', metadata: { week: '' } }),
	],
	[
		'transfers.createReversal',
		(s) =>
			s.transfers.createReversal('tr_1', {
				amount: 100,
				description: 'Overpaid',
				refund_application_fee: false,
				metadata: { why: 'overpaid' },
			}),
	],
	['transfers.retrieveReversal', (s) => s.transfers.retrieveReversal('tr_1', 'trr_1')],
	['transfers.listReversals', (s) => s.transfers.listReversals('tr_1', { limit: 100 })],
];

/** The same for the v2 Connect endpoints Stripe recommends for new integrations (JSON bodies). */
const V2_SAMPLE_CALLS: Array<[string, (stripe: Stripe) => Promise<unknown>]> = [
	[
		'v2.core.accounts.create',
		(s) =>
			s.v2.core.accounts.create({
				display_name: 'Shop',
				contact_email: 'seller@example.test',
				dashboard: 'express',
				identity: { country: 'de', entity_type: 'company' },
				configuration: {
					merchant: { capabilities: { card_payments: { requested: true } } },
					recipient: {
						capabilities: { stripe_balance: { stripe_transfers: { requested: true } } },
					},
				},
				include: ['configuration.merchant', 'requirements'],
				metadata: { seller_id: '42' },
			}),
	],
	[
		'v2.core.accounts.list',
		(s) =>
			s.v2.core.accounts.list({ applied_configurations: ['merchant', 'recipient'], limit: 10 }),
	],
	[
		'v2.core.accounts.retrieve',
		(s) =>
			s.v2.core.accounts.retrieve('acct_v2', { include: ['configuration.merchant', 'identity'] }),
	],
	[
		'v2.core.accountLinks.create',
		(s) =>
			s.v2.core.accountLinks.create({
				account: 'acct_v2',
				use_case: {
					type: 'account_onboarding',
					account_onboarding: {
						refresh_url: 'https://shop.example.test/retry',
						return_url: 'https://shop.example.test/done',
					},
				},
			}),
	],
];

function docsEndpoints(): string[] {
	const docs = readFileSync(join(__dirname, '../../../../docs/node.md'), 'utf8');
	const requests = [...docs.matchAll(/`(GET|POST|DELETE) (\/v1\/[^`]+)`/g)];
	return [
		...new Set(requests.map(([, method, path]) => `${method} ${path.replace(/\{[^}]+\}/g, '{}')}`)),
	];
}

function shapeOf(key: string): string {
	return key.replace(/\{[^}]+\}/g, '{}');
}

let server: Server;
let stripe: Stripe;
const captured: Captured[] = [];

beforeAll(async () => {
	server = createServer((request, response) => {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => {
			const url = new URL(request.url ?? '/', 'http://127.0.0.1');
			captured.push({
				method: request.method ?? 'GET',
				path: url.pathname,
				query: url.search.replace(/^\?/, ''),
				body: Buffer.concat(chunks).toString('utf8'),
				contentType: String(request.headers['content-type'] ?? ''),
			});
			response.writeHead(200, { 'Content-Type': 'application/json' });
			response.end(
				JSON.stringify({ object: 'list', data: [], has_more: false, url: url.pathname }),
			);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	stripe = new Stripe('sk_test_SampledCalls', {
		host: '127.0.0.1',
		port: (server.address() as AddressInfo).port,
		protocol: 'http',
		maxNetworkRetries: 0,
	});
});

afterAll(async () => {
	await new Promise<void>((resolve) => server.close(() => resolve()));
});

async function send(call: (stripe: Stripe) => Promise<unknown>): Promise<Captured> {
	captured.length = 0;
	await call(stripe);
	expect(captured).toHaveLength(1);
	return captured[0];
}

describe('every request the official stripe SDK sends for a sampled call passes the validator', () => {
	it.each(SAMPLE_CALLS)('v1 %s', async (sdkMethod, call) => {
		const request = await send(call);
		expect(request.contentType).toMatch(request.method === 'POST' ? /x-www-form-urlencoded/ : /.*/);
		const params = decodeStripeForm(request.method === 'POST' ? request.body : request.query);
		const validated = validateStripeRequest(request.method, request.path, params);
		expect(validated.sdkMethod).toBe(sdkMethod);
		expect(validated.deprecated).toEqual([]);
	});

	it('samples each endpoint of docs/node.md', () => {
		const sampled = new Set(SAMPLE_CALLS.map(([sdkMethod]) => sdkMethod));
		const endpoints = stripeDefinitions()
			.endpoints.filter((endpoint) => sampled.has(endpoint.sdkMethod))
			.map((endpoint) => shapeOf(`${endpoint.method} ${endpoint.path}`));
		expect(endpoints).toHaveLength(SAMPLE_CALLS.length);
		expect(new Set(endpoints)).toEqual(new Set(docsEndpoints()));
	});

	it.each(V2_SAMPLE_CALLS)('v2 %s', async (sdkMethod, call) => {
		const request = await send(call);
		// v2 bodies are JSON; v2 query strings use the same bracket encoding as v1 (`include[0]=…`).
		const params =
			request.method === 'POST'
				? (JSON.parse(request.body) as Record<string, unknown>)
				: decodeStripeForm(request.query);
		if (request.method === 'POST') expect(request.contentType).toMatch(/application\/json/);
		expect(validateStripeRequest(request.method, request.path, params).sdkMethod).toBe(sdkMethod);
	});
});
