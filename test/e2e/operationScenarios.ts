/**
 * The action node's operations end to end: accounts, money movement, destination charges, fees and
 * disputes, each a workflow against the sandbox with its outputs and every request asserted.
 * Registered by actionScenarios.ts for both topologies.
 */
import { beforeAll, expect, it } from 'vitest';

import type { StripeSandbox } from '../../stripe-sandbox';
import {
	ACTION_WORKFLOWS_DIR,
	expectAuthenticatedAndAccepted,
	routesOf,
} from './actionScenarioSupport';
import type { ActionContext } from './actionScenarioSupport';
import { itemsOf, singleItemOf } from './support';

/**
 * Registers the operation scenarios in the calling `describe` (see actionScenarioTests).
 */
export function operationScenarioTests(context: () => ActionContext): void {
	let sandbox: StripeSandbox;
	let destination: string;
	let spare: string;
	let uncapturedPayment: string;
	let dispute: string;
	const runFixture = (file: string, folder = ACTION_WORKFLOWS_DIR) =>
		context().runFixture(file, folder);

	beforeAll(() => {
		({ sandbox, destination, spare, uncapturedPayment, dispute } = context());
	});

	it("authenticates n8n's own HTTP Request node with the Stripe Connect credential", async () => {
		const { run, requests } = await runFixture('credential-http-request.json');

		expect(singleItemOf(run, 'Platform Balance')).toMatchObject({ object: 'balance' });
		expect(routesOf(requests)).toEqual(['GET /v1/balance']);
		expectAuthenticatedAndAccepted(requests, sandbox);
	});

	it('creates, onboards, configures, rejects and deletes connected accounts', async () => {
		const { run, requests } = await runFixture('accounts.json');

		const created = singleItemOf(run, 'Create Account');
		const account = String(created.id);
		expect(created).toMatchObject({
			object: 'account',
			country: 'US',
			email: 'owner@harbor-bikes.example',
			business_type: 'company',
			metadata: { merchant_id: 'm_1001' },
		});
		expect(singleItemOf(run, 'Get Account')).toMatchObject({ id: account });
		expect(singleItemOf(run, 'Update Account')).toMatchObject({
			business_profile: { url: 'https://harbor-bikes.example' },
			metadata: { merchant_id: 'm_1001', tier: 'gold' },
		});
		expect(
			itemsOf(run, 'List Capabilities')
				.map((capability) => capability.id)
				.sort(),
		).toEqual(['card_payments', 'transfers']);
		expect(singleItemOf(run, 'Get Capability')).toMatchObject({ id: 'transfers', account });
		expect(singleItemOf(run, 'Update Capability')).toMatchObject({
			id: 'card_payments',
			requested: true,
		});
		const [bankAccount] = itemsOf(run, 'List External Accounts');
		expect(singleItemOf(run, 'Get External Account')).toMatchObject({
			id: bankAccount.id,
			account,
		});
		expect(singleItemOf(run, 'Update Payout Schedule')).toMatchObject({
			account,
			schedule: { interval: 'weekly', weekly_anchor: 'friday', delay_days: 7 },
		});
		expect(singleItemOf(run, 'Create Account Link')).toMatchObject({ object: 'account_link' });
		expect(String(singleItemOf(run, 'Create Account Link').url)).toMatch(
			/^https:\/\/connect\.stripe\.com\//,
		);
		expect(singleItemOf(run, 'Create Login Link')).toMatchObject({ object: 'login_link' });
		expect(singleItemOf(run, 'Create Account Session')).toMatchObject({
			object: 'account_session',
			account,
		});
		expect(itemsOf(run, 'List Accounts').map((listed) => listed.id)).toEqual(
			expect.arrayContaining([account, destination, spare]),
		);
		expect(singleItemOf(run, 'Get Platform Account')).toMatchObject({
			id: sandbox.platformAccountId,
		});
		expect(singleItemOf(run, 'Reject Account')).toMatchObject({ id: spare });
		expect(singleItemOf(run, 'Delete Account')).toEqual({
			id: spare,
			object: 'account',
			deleted: true,
		});

		expect(routesOf(requests)).toEqual([
			'POST /v1/accounts',
			`GET /v1/accounts/${account}`,
			`POST /v1/accounts/${account}`,
			`GET /v1/accounts/${account}/capabilities`,
			`GET /v1/accounts/${account}/capabilities/transfers`,
			`POST /v1/accounts/${account}/capabilities/card_payments`,
			`GET /v1/accounts/${account}/external_accounts`,
			`GET /v1/accounts/${account}/external_accounts/${bankAccount.id}`,
			`GET /v1/accounts/${account}`,
			`POST /v1/accounts/${account}`,
			'POST /v1/account_links',
			`POST /v1/accounts/${account}/login_links`,
			'POST /v1/account_sessions',
			'GET /v1/accounts',
			'GET /v1/account',
			`POST /v1/accounts/${spare}/reject`,
			`DELETE /v1/accounts/${spare}`,
		]);
		expectAuthenticatedAndAccepted(requests, sandbox);
		expect(requests[0].idempotencyKey).toBe('e2e-onboard-m_1001');
		expect(requests[0].body).toMatchObject({
			country: 'US',
			email: 'owner@harbor-bikes.example',
			business_type: 'company',
			business_profile: { name: 'Harbor Bikes' },
			capabilities: { card_payments: { requested: 'true' }, transfers: { requested: 'true' } },
			controller: { stripe_dashboard: { type: 'express' } },
			metadata: { merchant_id: 'm_1001' },
		});
		expect(requests[9].rawBody).toBe(
			'settings[payouts][schedule][interval]=weekly&settings[payouts][schedule][weekly_anchor]=friday&settings[payouts][schedule][delay_days]=7',
		);
		expect(requests[10].body).toEqual({
			account,
			type: 'account_onboarding',
			return_url: 'https://harbor-bikes.example/onboarding/done',
			refresh_url: 'https://harbor-bikes.example/onboarding/retry',
		});
		expect(requests[15].rawBody).toBe('reason=terms_of_service');
		expect(sandbox.state.getObject(spare)).toBeUndefined();
	});

	it('moves money: balances, a transfer and its reversal, a payout and its cancellation, events', async () => {
		const { run, requests } = await runFixture('money-movement.json');

		const transfer = singleItemOf(run, 'Create Transfer');
		const transferId = String(transfer.id);
		expect(transfer).toMatchObject({
			object: 'transfer',
			amount: 25_00,
			currency: 'usd',
			destination,
		});
		expect(singleItemOf(run, 'Platform Balance')).toMatchObject({ object: 'balance' });
		expect(singleItemOf(run, 'Get Transfer')).toMatchObject({ id: transferId });
		expect(singleItemOf(run, 'Update Transfer')).toMatchObject({
			description: 'Order 1001 share (reviewed)',
			metadata: { order: '1001', reviewed_by: 'ops' },
		});
		expect(itemsOf(run, 'List Transfers').map((listed) => listed.id)).toEqual([transferId]);
		const reversal = singleItemOf(run, 'Reverse Part Of Transfer');
		expect(reversal).toMatchObject({
			object: 'transfer_reversal',
			amount: 5_00,
			transfer: transferId,
		});
		expect(singleItemOf(run, 'Get Reversal')).toMatchObject({ id: reversal.id });
		expect(itemsOf(run, 'List Reversals').map((listed) => listed.id)).toEqual([reversal.id]);
		const payout = singleItemOf(run, 'Create Payout');
		expect(payout).toMatchObject({
			object: 'payout',
			amount: 10_00,
			currency: 'usd',
			method: 'standard',
		});
		expect(singleItemOf(run, 'Update Payout')).toMatchObject({
			metadata: { requested_by: 'merchant', ticket: 'T-77' },
		});
		expect(itemsOf(run, 'List Payouts').map((listed) => listed.id)).toContain(payout.id);
		expect(singleItemOf(run, 'Cancel Payout')).toMatchObject({ id: payout.id, status: 'canceled' });
		expect(
			itemsOf(run, 'List Balance Transactions').every((entry) => entry.type === 'transfer'),
		).toBe(true);
		expect(singleItemOf(run, 'Get Balance Transaction')).toMatchObject({
			id: transfer.balance_transaction,
			amount: -25_00,
			type: 'transfer',
			source: transferId,
		});
		const events = itemsOf(run, 'List Events');
		expect(events.length).toBeGreaterThan(0);
		expect(events.every((event) => event.type === 'transfer.created')).toBe(true);
		expect(singleItemOf(run, 'Get Event')).toMatchObject({
			id: events[0].id,
			type: 'transfer.created',
		});

		expectAuthenticatedAndAccepted(requests, sandbox);
		const transferCreate = requests.find(
			(request) => request.method === 'POST' && request.path === '/v1/transfers',
		);
		expect(transferCreate?.rawBody).toBe(
			`amount=2500&currency=usd&destination=${destination}&description=Order%201001%20share&transfer_group=order_1001&metadata[order]=1001`,
		);
		expect(transferCreate?.idempotencyKey).toBe('e2e-transfer-order-1001');
		const reversalCreate = requests.find(
			(request) =>
				request.path === `/v1/transfers/${transferId}/reversals` && request.method === 'POST',
		);
		expect(reversalCreate?.rawBody).toBe(
			'amount=500&description=Item%20returned&metadata[reason]=return',
		);
		expect(reversalCreate?.idempotencyKey).toBe('e2e-reversal-order-1001');
		const payoutRequests = requests.filter((request) => request.path.startsWith('/v1/payouts'));
		expect(routesOf(payoutRequests)).toEqual([
			'POST /v1/payouts',
			`GET /v1/payouts/${payout.id}`,
			`POST /v1/payouts/${payout.id}`,
			'GET /v1/payouts',
			`POST /v1/payouts/${payout.id}/cancel`,
		]);
		// Payouts of a connected account are made and managed as that account.
		expect(payoutRequests.map((request) => request.stripeAccount)).toEqual(
			Array(5).fill(destination),
		);
		expect(payoutRequests[0].rawBody).toBe(
			'amount=1000&currency=usd&method=standard&description=Early%20payout&metadata[requested_by]=merchant',
		);
		expect(payoutRequests[0].idempotencyKey).toBe('e2e-payout-1');
		expect(
			requests.filter((request) => request.method === 'POST' && request.path === '/v1/transfers'),
		).toHaveLength(1);
	});

	it('takes destination charges with a fee, refunds them, refunds fees and answers disputes', async () => {
		const { run, requests } = await runFixture('payments.json');

		const payment = singleItemOf(run, 'Create Payment Intent');
		const paymentId = String(payment.id);
		expect(payment).toMatchObject({
			amount: 100_00,
			application_fee_amount: 10_00,
			transfer_data: { destination },
			status: 'requires_capture',
		});
		expect(singleItemOf(run, 'Get Payment Intent')).toMatchObject({ id: paymentId });
		expect(singleItemOf(run, 'Update Payment Intent')).toMatchObject({
			description: 'Order 2002 (bike service)',
			metadata: { order: '2002', channel: 'web' },
		});
		const captured = singleItemOf(run, 'Capture Payment Intent');
		expect(captured).toMatchObject({ status: 'succeeded', amount_received: 100_00 });
		expect(itemsOf(run, 'List Payment Intents').map((listed) => listed.id)).toContain(paymentId);
		expect(itemsOf(run, 'Search Payment Intents').map((found) => found.id)).toEqual([paymentId]);
		expect(singleItemOf(run, 'Cancel Payment Intent')).toMatchObject({
			id: uncapturedPayment,
			status: 'canceled',
			cancellation_reason: 'abandoned',
		});
		const refund = singleItemOf(run, 'Refund Part Of Payment');
		expect(refund).toMatchObject({ object: 'refund', amount: 25_00, payment_intent: paymentId });
		expect(singleItemOf(run, 'Get Refund')).toMatchObject({ id: refund.id });
		expect(singleItemOf(run, 'Update Refund')).toMatchObject({
			metadata: { ticket: 'R-9', approved_by: 'ops' },
		});
		expect(itemsOf(run, 'List Refunds').map((listed) => listed.id)).toEqual([refund.id]);
		const [fee] = itemsOf(run, 'List Application Fees');
		// The refund took back a proportional share of the fee (refund_application_fee).
		expect(fee).toMatchObject({
			amount: 10_00,
			amount_refunded: 2_50,
			charge: captured.latest_charge,
		});
		expect(singleItemOf(run, 'Get Application Fee')).toMatchObject({ id: fee.id });
		expect(singleItemOf(run, 'Refund Application Fee')).toMatchObject({
			object: 'fee_refund',
			amount: 1_00,
			fee: fee.id,
		});
		expect(
			itemsOf(run, 'List Application Fee Refunds')
				.map((feeRefund) => feeRefund.amount)
				.sort(),
		).toEqual([1_00, 2_50]);
		expect(itemsOf(run, 'List Disputes').map((listed) => listed.id)).toEqual([dispute]);
		expect(singleItemOf(run, 'Get Dispute')).toMatchObject({
			id: dispute,
			status: 'needs_response',
		});
		expect(singleItemOf(run, 'Update Dispute')).toMatchObject({
			evidence: {
				product_description: 'Bike service, 2 hours',
				customer_email_address: 'rider@example.com',
				uncategorized_text: 'Customer picked the bike up in person.',
			},
			metadata: { case: 'C-5' },
		});
		expect(singleItemOf(run, 'Close Dispute')).toMatchObject({ id: dispute, status: 'lost' });

		expectAuthenticatedAndAccepted(requests, sandbox);
		const byRoute = (method: string, path: string) =>
			requests.filter((request) => request.method === method && request.path === path);
		const [paymentCreate] = byRoute('POST', '/v1/payment_intents');
		expect(paymentCreate.rawBody).toBe(
			`amount=10000&currency=usd&transfer_data[destination]=${destination}&capture_method=manual&confirm=true&description=Order%202002&payment_method=pm_card_visa&transfer_group=order_2002&application_fee_amount=1000&metadata[order]=2002`,
		);
		expect(paymentCreate.idempotencyKey).toBe('e2e-payment-order-2002');
		expect(byRoute('POST', `/v1/payment_intents/${paymentId}/capture`)[0].rawBody).toBe(
			'amount_to_capture=10000',
		);
		const [refundCreate] = byRoute('POST', '/v1/refunds');
		expect(refundCreate.rawBody).toBe(
			`payment_intent=${paymentId}&amount=2500&reason=requested_by_customer&refund_application_fee=true&reverse_transfer=true&metadata[ticket]=R-9`,
		);
		expect(refundCreate.idempotencyKey).toBe('e2e-refund-order-2002');
		expect(byRoute('POST', `/v1/application_fees/${fee.id}/refunds`)[0].rawBody).toBe('amount=100');
		expect(byRoute('POST', `/v1/disputes/${dispute}`)[0].rawBody).toBe(
			'evidence[customer_email_address]=rider%40example.com&evidence[product_description]=Bike%20service%2C%202%20hours&evidence[uncategorized_text]=Customer%20picked%20the%20bike%20up%20in%20person.&submit=false&metadata[case]=C-5',
		);
		expect(byRoute('GET', '/v1/payment_intents/search')[0].query).toMatchObject({
			query: "metadata['order']:'2002'",
		});
	});
}
