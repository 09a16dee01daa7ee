import type { IDataObject } from 'n8n-workflow';
import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { StripeConnect } from '../../../../nodes/StripeConnect/StripeConnect.node';
import { builtStripeOperations } from '../../../../nodes/StripeConnect/shared/operation';
import { startSandbox, type StripeSandbox } from '../../../../stripe-sandbox';
import { stripeDefinitions } from '../../../../stripe-sandbox/definitions/loadDefinitions';
import { captureNode, captureSdk } from '../support/differentialCapture';

/*
 * For every operation of the node, the request the node sends for a fixture equals the request the
 * official stripe SDK (23.1.0) sends for the same call: method, path, Stripe-Account, Stripe-Context,
 * Stripe-Version, the decoded parameters, and the sandbox's answer. IDs are made up (the sandbox
 * answers both alike, mostly 404), so no case depends on another.
 */

let sandbox: StripeSandbox;

beforeAll(async () => {
	sandbox = await startSandbox();
});

afterAll(async () => {
	await sandbox.close();
});

const ACCOUNT = 'acct_1DiffTestAccount00';
const BANK_ACCOUNT = 'ba_1DiffTestBank';
const TRANSFER = 'tr_1DiffTestTransfer';
const REVERSAL = 'trr_1DiffTestReversal';
const PAYOUT = 'po_1DiffTestPayout';
const PAYMENT_INTENT = 'pi_1DiffTestIntent';
const REFUND = 're_1DiffTestRefund';
const DISPUTE = 'du_1DiffTestDispute';
const FEE = 'fee_1DiffTestFee';
const EVENT = 'evt_1DiffTestEvent';
const TRANSACTION = 'txn_1DiffTestTransaction';
const CHARGE = 'ch_1DiffTestCharge';
const CONTEXT = 'org_1DiffTestOrg/acct_1DiffTestAccount00';

/** Unix seconds of the date filters the spec fixtures use. */
const FROM_2026 = 1767225600;
const TO_2030 = 1893456000;
const CREATED = { gte: FROM_2026, lte: TO_2030 };

const connected = { stripeAccount: ACCOUNT };

interface Case {
	/** `resource.operation` of the node. */
	operation: string;
	fixture: string;
	item?: IDataObject;
	sdk: (stripe: Stripe) => Promise<unknown>;
}

const cases: Case[] = [
	{
		operation: 'account.create',
		fixture: 'account-create-controller',
		sdk: (stripe) =>
			stripe.accounts.create({
				controller: {
					fees: { payer: 'application' },
					losses: { payments: 'application' },
					requirement_collection: 'stripe',
					stripe_dashboard: { type: 'express' },
				},
				country: 'DE',
				capabilities: { card_payments: { requested: true }, transfers: { requested: true } },
				business_type: 'individual',
				email: 'maker@example.com',
				business_profile: {
					name: 'Maker Studio',
					mcc: '5734',
					product_description: 'Handmade prints',
					support_email: 'help@maker.example.com',
					url: 'https://maker.example.com',
				},
				metadata: { seller_id: 's_77' },
			}),
	},
	{
		operation: 'account.delete',
		fixture: 'account-delete',
		item: { account: ACCOUNT },
		sdk: (stripe) => stripe.accounts.del(ACCOUNT),
	},
	{
		operation: 'account.get',
		fixture: 'account-get',
		item: { account: ACCOUNT },
		sdk: (stripe) => stripe.accounts.retrieve(ACCOUNT, { expand: ['external_accounts'] }),
	},
	{
		operation: 'account.getAll',
		fixture: 'spec-account-get-many-all-filters',
		sdk: (stripe) => stripe.accounts.list({ created: CREATED, limit: 100 }),
	},
	{
		operation: 'account.getPlatform',
		fixture: 'account-get-platform',
		sdk: (stripe) => stripe.accounts.retrieveCurrent(),
	},
	{
		operation: 'account.reject',
		fixture: 'account-reject-keep-payouts',
		item: { account: ACCOUNT, reason: 'fraud_no_intent_to_fulfill' },
		sdk: (stripe) =>
			stripe.accounts.reject(ACCOUNT, {
				reason: 'fraud_no_intent_to_fulfill',
				payouts_action: 'none',
			}),
	},
	{
		operation: 'account.update',
		fixture: 'account-update',
		item: { account: ACCOUNT },
		sdk: (stripe) =>
			stripe.accounts.update(ACCOUNT, {
				email: 'new@example.com',
				business_profile: { name: 'Renamed Studio' },
				settings: {
					payouts: { schedule: { interval: 'weekly', weekly_anchor: 'friday', delay_days: 7 } },
				},
				metadata: { tier: 'gold', legacy: '' },
			}),
	},
	{
		operation: 'accountLink.create',
		fixture: 'account-link-create',
		item: { account: ACCOUNT },
		sdk: (stripe) =>
			stripe.accountLinks.create({
				account: ACCOUNT,
				type: 'account_onboarding',
				return_url: 'https://example.com/onboarding/done',
				refresh_url: 'https://example.com/onboarding/refresh',
				collection_options: { fields: 'eventually_due', future_requirements: 'include' },
			}),
	},
	{
		operation: 'accountSession.create',
		fixture: 'account-session-create',
		item: { account: ACCOUNT },
		sdk: (stripe) =>
			stripe.accountSessions.create({
				account: ACCOUNT,
				components: {
					account_onboarding: { enabled: true },
					payouts: { enabled: true },
					payments: { enabled: true },
				},
			}),
	},
	{
		operation: 'applicationFee.get',
		fixture: 'application-fee-get',
		item: { fee: FEE },
		sdk: (stripe) => stripe.applicationFees.retrieve(FEE),
	},
	{
		operation: 'applicationFee.getAll',
		fixture: 'application-fee-get-many',
		item: { charge: CHARGE },
		sdk: (stripe) => stripe.applicationFees.list({ charge: CHARGE, limit: 10 }),
	},
	{
		operation: 'applicationFee.getManyRefunds',
		fixture: 'application-fee-get-many-refunds',
		item: { fee: FEE },
		sdk: (stripe) => stripe.applicationFees.listRefunds(FEE, { limit: 100 }),
	},
	{
		operation: 'applicationFee.refund',
		fixture: 'application-fee-refund',
		item: { fee: FEE },
		sdk: (stripe) =>
			stripe.applicationFees.createRefund(FEE, { amount: 50, metadata: { why: 'goodwill' } }),
	},
	{
		operation: 'balance.get',
		fixture: 'balance-get-connected',
		item: { account: ACCOUNT },
		sdk: (stripe) => stripe.balance.retrieve({}, connected),
	},
	{
		operation: 'balance.get',
		fixture: 'balance-get-context',
		item: { context: CONTEXT },
		sdk: (stripe) => stripe.balance.retrieve({}, { stripeContext: CONTEXT }),
	},
	{
		operation: 'balanceTransaction.get',
		fixture: 'balance-transaction-get',
		item: { transaction: TRANSACTION, account: ACCOUNT },
		sdk: (stripe) => stripe.balanceTransactions.retrieve(TRANSACTION, {}, connected),
	},
	{
		operation: 'balanceTransaction.getAll',
		fixture: 'spec-balance-transaction-get-many-all-filters',
		sdk: (stripe) =>
			stripe.balanceTransactions.list({
				created: CREATED,
				currency: 'usd',
				payout: 'po_123',
				source: 'ch_123',
				type: 'payout',
				limit: 100,
			}),
	},
	{
		operation: 'capability.get',
		fixture: 'capability-get',
		item: { account: ACCOUNT },
		sdk: (stripe) => stripe.accounts.retrieveCapability(ACCOUNT, 'transfers'),
	},
	{
		operation: 'capability.getAll',
		fixture: 'capability-get-many',
		item: { account: ACCOUNT },
		sdk: (stripe) => stripe.accounts.listCapabilities(ACCOUNT),
	},
	{
		operation: 'capability.update',
		fixture: 'capability-update',
		item: { account: ACCOUNT },
		sdk: (stripe) =>
			stripe.accounts.updateCapability(ACCOUNT, 'card_payments', { requested: true }),
	},
	{
		operation: 'dispute.close',
		fixture: 'dispute-close',
		item: { dispute: DISPUTE },
		sdk: (stripe) => stripe.disputes.close(DISPUTE),
	},
	{
		operation: 'dispute.get',
		fixture: 'dispute-get',
		item: { dispute: DISPUTE },
		sdk: (stripe) => stripe.disputes.retrieve(DISPUTE),
	},
	{
		operation: 'dispute.getAll',
		fixture: 'spec-dispute-get-many-all-filters',
		sdk: (stripe) =>
			stripe.disputes.list({
				created: CREATED,
				charge: 'ch_123',
				payment_intent: 'pi_123',
				limit: 100,
			}),
	},
	{
		operation: 'dispute.update',
		fixture: 'dispute-update',
		item: { dispute: DISPUTE, submit: true },
		sdk: (stripe) =>
			stripe.disputes.update(DISPUTE, {
				evidence: {
					customer_name: 'Ada Buyer',
					customer_email_address: 'ada@example.com',
					product_description: 'Framed print',
					shipping_tracking_number: '1Z999',
					uncategorized_text: 'Delivered and signed for',
				},
				submit: true,
				metadata: { case: 'C-7' },
			}),
	},
	{
		operation: 'event.get',
		fixture: 'event-get',
		item: { event: EVENT },
		sdk: (stripe) => stripe.events.retrieve(EVENT),
	},
	{
		operation: 'event.getAll',
		fixture: 'spec-event-get-many-all-filters',
		sdk: (stripe) =>
			stripe.events.list({
				created: CREATED,
				types: ['payout.paid', 'payout.failed'],
				limit: 100,
			}),
	},
	{
		operation: 'event.getAll',
		fixture: 'spec-event-get-many-wildcard-type',
		sdk: (stripe) => stripe.events.list({ type: 'payout.*', limit: 100 }),
	},
	{
		operation: 'externalAccount.get',
		fixture: 'external-account-get',
		item: { account: ACCOUNT, bankAccount: BANK_ACCOUNT },
		sdk: (stripe) => stripe.accounts.retrieveExternalAccount(ACCOUNT, BANK_ACCOUNT),
	},
	{
		operation: 'externalAccount.getAll',
		fixture: 'external-account-get-many',
		item: { account: ACCOUNT },
		sdk: (stripe) =>
			stripe.accounts.listExternalAccounts(ACCOUNT, { object: 'bank_account', limit: 5 }),
	},
	{
		operation: 'loginLink.create',
		fixture: 'login-link-create',
		item: { account: ACCOUNT },
		sdk: (stripe) => stripe.accounts.createLoginLink(ACCOUNT),
	},
	{
		operation: 'paymentIntent.cancel',
		fixture: 'payment-intent-cancel',
		item: { paymentIntent: PAYMENT_INTENT },
		sdk: (stripe) =>
			stripe.paymentIntents.cancel(PAYMENT_INTENT, { cancellation_reason: 'abandoned' }),
	},
	{
		operation: 'paymentIntent.capture',
		fixture: 'payment-intent-capture',
		item: { paymentIntent: PAYMENT_INTENT },
		sdk: (stripe) =>
			stripe.paymentIntents.capture(PAYMENT_INTENT, {
				amount_to_capture: 4000,
				application_fee_amount: 200,
			}),
	},
	{
		operation: 'paymentIntent.create',
		fixture: 'payment-intent-create-fixed-fee',
		item: { destination: ACCOUNT, confirm: true, paymentMethod: 'pm_card_visa' },
		sdk: (stripe) =>
			stripe.paymentIntents.create({
				amount: 4999,
				currency: 'eur',
				transfer_data: { destination: ACCOUNT },
				application_fee_amount: 250,
				capture_method: 'manual',
				confirm: true,
				payment_method: 'pm_card_visa',
			}),
	},
	{
		operation: 'paymentIntent.get',
		fixture: 'payment-intent-get',
		item: { paymentIntent: PAYMENT_INTENT },
		sdk: (stripe) => stripe.paymentIntents.retrieve(PAYMENT_INTENT, { expand: ['latest_charge'] }),
	},
	{
		operation: 'paymentIntent.getAll',
		fixture: 'spec-payment-intent-get-many-all-filters',
		item: { account: ACCOUNT },
		sdk: (stripe) =>
			stripe.paymentIntents.list({ created: CREATED, customer: 'cus_123', limit: 100 }, connected),
	},
	{
		operation: 'paymentIntent.search',
		fixture: 'payment-intent-search',
		item: { query: "status:'succeeded'", returnAll: false, limit: 5 },
		sdk: (stripe) => stripe.paymentIntents.search({ query: "status:'succeeded'", limit: 5 }),
	},
	{
		operation: 'paymentIntent.update',
		fixture: 'payment-intent-update',
		item: { paymentIntent: PAYMENT_INTENT },
		sdk: (stripe) =>
			stripe.paymentIntents.update(PAYMENT_INTENT, {
				amount: 3000,
				application_fee_amount: 300,
				description: 'Resized order',
				transfer_group: 'order_2002',
				metadata: { size: 'L' },
			}),
	},
	{
		operation: 'payout.cancel',
		fixture: 'payout-cancel',
		item: { payout: PAYOUT, account: ACCOUNT },
		sdk: (stripe) => stripe.payouts.cancel(PAYOUT, {}, connected),
	},
	{
		operation: 'payout.create',
		fixture: 'payout-create',
		item: { account: ACCOUNT, amount: 12.5 },
		sdk: (stripe) =>
			stripe.payouts.create(
				{
					amount: 1250,
					currency: 'usd',
					method: 'standard',
					description: 'Weekly earnings',
					statement_descriptor: 'MAKER PAYOUT',
					metadata: { week: '2026-47' },
				},
				connected,
			),
	},
	{
		operation: 'payout.get',
		fixture: 'payout-get',
		item: { payout: PAYOUT, account: ACCOUNT },
		sdk: (stripe) => stripe.payouts.retrieve(PAYOUT, {}, connected),
	},
	{
		operation: 'payout.getAll',
		fixture: 'spec-payout-get-many-all-filters',
		item: { account: ACCOUNT, bankAccount: BANK_ACCOUNT },
		sdk: (stripe) =>
			stripe.payouts.list(
				{
					arrival_date: CREATED,
					created: CREATED,
					destination: BANK_ACCOUNT,
					status: 'failed',
					limit: 100,
					expand: ['data.destination'],
				},
				connected,
			),
	},
	{
		operation: 'payout.reverse',
		fixture: 'payout-reverse',
		item: { payout: PAYOUT, account: ACCOUNT },
		sdk: (stripe) =>
			stripe.payouts.reverse(PAYOUT, { metadata: { reason: 'duplicate' } }, connected),
	},
	{
		operation: 'payout.update',
		fixture: 'payout-update',
		item: { payout: PAYOUT, account: ACCOUNT },
		sdk: (stripe) => stripe.payouts.update(PAYOUT, { metadata: '' }, connected),
	},
	{
		operation: 'payoutSchedule.get',
		fixture: 'payout-schedule-get',
		item: { account: ACCOUNT },
		sdk: (stripe) => stripe.accounts.retrieve(ACCOUNT),
	},
	{
		operation: 'payoutSchedule.update',
		fixture: 'spec-payout-schedule-update-weekly-days',
		item: { account: ACCOUNT },
		sdk: (stripe) =>
			stripe.accounts.update(ACCOUNT, {
				settings: {
					payouts: {
						schedule: {
							interval: 'weekly',
							weekly_payout_days: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'],
							delay_days: 7,
						},
					},
				},
			}),
	},
	{
		operation: 'payoutSchedule.update',
		fixture: 'spec-payout-schedule-update-monthly-days',
		item: { account: ACCOUNT },
		sdk: (stripe) =>
			stripe.accounts.update(ACCOUNT, {
				settings: {
					payouts: {
						schedule: {
							interval: 'monthly',
							monthly_payout_days: [1, 15, 31],
							delay_days: 'minimum',
						},
					},
				},
			}),
	},
	{
		operation: 'refund.cancel',
		fixture: 'refund-cancel',
		item: { refund: REFUND },
		sdk: (stripe) => stripe.refunds.cancel(REFUND),
	},
	{
		operation: 'refund.create',
		fixture: 'refund-create',
		item: { paymentIntent: PAYMENT_INTENT },
		sdk: (stripe) =>
			stripe.refunds.create({
				payment_intent: PAYMENT_INTENT,
				amount: 1000,
				reason: 'requested_by_customer',
				refund_application_fee: true,
				reverse_transfer: true,
				metadata: { ticket: 'R-1' },
			}),
	},
	{
		operation: 'refund.get',
		fixture: 'refund-get',
		item: { refund: REFUND },
		sdk: (stripe) => stripe.refunds.retrieve(REFUND),
	},
	{
		operation: 'refund.getAll',
		fixture: 'spec-refund-get-many-all-filters',
		sdk: (stripe) =>
			stripe.refunds.list({
				created: CREATED,
				charge: 'ch_123',
				payment_intent: 'pi_123',
				limit: 100,
			}),
	},
	{
		operation: 'refund.update',
		fixture: 'refund-update',
		item: { refund: REFUND },
		sdk: (stripe) => stripe.refunds.update(REFUND, { metadata: { ticket: 'R-2' } }),
	},
	{
		operation: 'transfer.create',
		fixture: 'spec-transfer-create-all-fields',
		item: { account: ACCOUNT },
		sdk: (stripe) =>
			stripe.transfers.create({
				destination: ACCOUNT,
				amount: 100,
				currency: 'usd',
				description: 'd',
				source_transaction: 'ch_doesnotexist',
				transfer_group: 'g',
				metadata: { k: 'v' },
				expand: ['destination'],
			}),
	},
	{
		operation: 'transfer.get',
		fixture: 'transfer-get',
		item: { transfer: TRANSFER },
		sdk: (stripe) =>
			stripe.transfers.retrieve(TRANSFER, { expand: ['destination', 'balance_transaction'] }),
	},
	{
		operation: 'transfer.getAll',
		fixture: 'spec-transfer-get-many-all-filters',
		item: { account: ACCOUNT },
		sdk: (stripe) =>
			stripe.transfers.list({
				created: CREATED,
				destination: ACCOUNT,
				transfer_group: 'g',
				limit: 100,
			}),
	},
	{
		operation: 'transfer.update',
		fixture: 'transfer-update',
		item: { transfer: TRANSFER, description: 'Paid twice' },
		sdk: (stripe) =>
			stripe.transfers.update(TRANSFER, {
				description: 'Paid twice',
				metadata: { order_id: '', note: 'paid twice' },
			}),
	},
	{
		operation: 'transferReversal.create',
		fixture: 'transfer-reversal-create',
		item: { transfer: TRANSFER },
		sdk: (stripe) =>
			stripe.transfers.createReversal(TRANSFER, {
				amount: 500,
				description: 'Partial refund',
				refund_application_fee: false,
				metadata: { ticket: 'T-9' },
			}),
	},
	{
		operation: 'transferReversal.get',
		fixture: 'transfer-reversal-get',
		item: { transfer: TRANSFER, reversal: REVERSAL },
		sdk: (stripe) => stripe.transfers.retrieveReversal(TRANSFER, REVERSAL),
	},
	{
		operation: 'transferReversal.getAll',
		fixture: 'transfer-reversal-get-many',
		item: { transfer: TRANSFER },
		sdk: (stripe) => stripe.transfers.listReversals(TRANSFER, { limit: 100 }),
	},
];

/**
 * Where the node's request differs from the SDK's on purpose. Only headers differ, so the
 * comparison leaves them out (see support/differentialCapture.ts): the parameters never do.
 */
export const INTENDED_DIFFERENCES = [
	{
		what: 'Idempotency-Key on POST',
		why: 'the node derives it from what the item sends (re-run safe, see docs/node.md); the SDK makes a random one per call',
	},
	{
		what: 'User-Agent, X-Stripe-Client-User-Agent',
		why: 'each names its own client',
	},
] as const;

/** Operations of the node without a stripe SDK method (none: every v1 operation has one). */
const WITHOUT_SDK_METHOD: string[] = [];

// Loading the node class builds every operation. The v2 operations are compared, and their coverage
// checked, in v2Differential.test.ts.
new StripeConnect();
const nodeOperations = builtStripeOperations()
	.filter((summary) => !summary.recipe.path.startsWith('/v2/'))
	.map((summary) => `${summary.resource}.${summary.operation}`);

describe('the differential cases', () => {
	it('cover every operation of the node that has a stripe SDK method', () => {
		const covered = new Set(cases.map((entry) => entry.operation));
		expect(nodeOperations.filter((operation) => !covered.has(operation))).toEqual(
			WITHOUT_SDK_METHOD,
		);
		expect(nodeOperations.length).toBeGreaterThanOrEqual(55);
	});

	it('name only operations the node has', () => {
		expect(
			cases.map((entry) => entry.operation).filter((op) => !nodeOperations.includes(op)),
		).toEqual([]);
	});

	it("map every node operation to an endpoint the SDK calls in the pinned version's definitions", () => {
		const template = (path: string) => path.replace(/\{[^}]+\}/g, '{}');
		const withoutMethod = builtStripeOperations()
			.filter(
				(summary) =>
					!stripeDefinitions().endpoints.some(
						(endpoint) =>
							endpoint.method === summary.recipe.method &&
							template(endpoint.path) === template(summary.recipe.path),
					),
			)
			.map((summary) => `${summary.resource}.${summary.operation}`);
		expect(withoutMethod).toEqual(WITHOUT_SDK_METHOD);
	});
});

describe('the node sends what the stripe SDK sends for the same call', () => {
	it.each(cases.map((entry) => ({ name: `${entry.operation} (${entry.fixture})`, ...entry })))(
		'$name',
		async ({ fixture, item, sdk }) => {
			const node = await captureNode(sandbox, fixture, item);
			const official = await captureSdk(sandbox, sdk);

			expect(official).toHaveLength(1);
			expect(node.requests).toEqual(official);
		},
	);
});
