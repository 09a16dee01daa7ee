import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type StripeSandbox } from '../../../stripe-sandbox';
import { ACCOUNT_INCLUDES } from '../../../stripe-sandbox/resources/v2/accountState';
import { validateStripeObject } from '../../../stripe-sandbox/validation/validateObject';
import { sandboxStripe, startWebhookReceiver, v2RecipientParams } from '../helpers';

/** Every kind of object the sandbox returns, by its `object` value. */
const OBJECT_KINDS = [
	'account',
	'account_link',
	'account_session',
	'application_fee',
	'balance',
	'balance_transaction',
	'bank_account',
	'capability',
	'charge',
	'deleted_account',
	'deleted_webhook_endpoint',
	'dispute',
	'event',
	'fee_refund',
	'login_link',
	'payment_intent',
	'payout',
	'person',
	'refund',
	'transfer',
	'transfer_reversal',
	'v2.core.account',
	'v2.core.account_link',
	'v2.core.account_person',
	'v2.core.event',
	'v2.core.event_destination',
	'webhook_endpoint',
];

const ALL_ACCOUNT_INCLUDES = [...ACCOUNT_INCLUDES];

/** One problem per field: `dispute.balance_transactions[0].x` and `[1].x` are the same finding. */
function withoutIndexes(problem: string): string {
	return problem.replace(/\[\d+\]/g, '[]');
}

/**
 * The v2 objects of a platform onboarding sellers with Accounts v2, as the sandbox sent them (the
 * SDK turns v2 decimals into `Decimal` objects and adds methods to events): accounts in each
 * configuration (new, onboarded, closed), an account link, a person, event destinations of both
 * types, and the thin events all of this recorded, on the platform and in a seller's context.
 */
async function v2Objects(
	stripe: Stripe,
	sandbox: StripeSandbox,
	webhookUrl: string,
): Promise<Array<[string, unknown]>> {
	const sent = async (call: Promise<unknown>) => {
		await call;
		return sandbox.requests().at(-1)?.responseBody as { id: string; data: unknown[] };
	};
	const thin = await sent(
		stripe.v2.core.eventDestinations.create({
			name: 'thin',
			type: 'webhook_endpoint',
			event_payload: 'thin',
			enabled_events: ['*'],
			events_from: ['@self', '@accounts'],
			webhook_endpoint: { url: webhookUrl },
			include: ['webhook_endpoint.signing_secret', 'webhook_endpoint.url'],
			metadata: { team: 'payouts' },
		}),
	);
	const bridge = await sent(
		stripe.v2.core.eventDestinations.create({
			name: 'bridge',
			description: 'Payout alerts',
			type: 'amazon_eventbridge',
			event_payload: 'snapshot',
			enabled_events: ['payout.failed'],
			amazon_eventbridge: { aws_account_id: '123456789012', aws_region: 'eu-west-1' },
		}),
	);
	const disabled = await sent(stripe.v2.core.eventDestinations.disable(bridge.id));
	const recipient = await sent(
		stripe.v2.core.accounts.create({
			...v2RecipientParams({ country: 'DE', entity_type: 'company' }),
			display_name: 'Kaffee GmbH',
			metadata: { seller: '42' },
			include: ALL_ACCOUNT_INCLUDES,
		}),
	);
	const merchant = await sent(
		stripe.v2.core.accounts.create({
			contact_email: 'shop@example.test',
			contact_phone: '+15555550123',
			display_name: 'Shop',
			identity: {
				country: 'US',
				entity_type: 'individual',
				individual: { given_name: 'Ada', surname: 'Lovelace', email: 'ada@example.test' },
			},
			configuration: {
				merchant: {
					capabilities: { card_payments: { requested: true } },
					mcc: '5734',
				},
				customer: { capabilities: { automatic_indirect_tax: { requested: true } } },
			},
			defaults: { currency: 'usd', locales: ['en-US'] },
			include: ALL_ACCOUNT_INCLUDES,
		}),
	);
	const link = await sent(
		stripe.v2.core.accountLinks.create({
			account: recipient.id,
			use_case: {
				type: 'account_onboarding',
				account_onboarding: {
					refresh_url: 'https://x.test/r',
					return_url: 'https://x.test/d',
					collection_options: { fields: 'eventually_due', future_requirements: 'include' },
				},
			},
		}),
	);
	const person = await sent(
		stripe.v2.core.accounts.persons.create(recipient.id, {
			given_name: 'Grace',
			surname: 'Hopper',
			email: 'grace@example.test',
			address: { country: 'DE', city: 'Berlin', line1: 'Hauptstr. 1', postal_code: '10115' },
			date_of_birth: { day: 9, month: 12, year: 1906 },
			id_numbers: [{ type: 'de_stn', value: '12345678901' }],
			relationship: {
				owner: true,
				percent_ownership: '60' as never,
				representative: true,
				title: 'CEO',
			},
			metadata: { role: 'owner' },
		}),
	);
	sandbox.state.completeAccountOnboarding(recipient.id);
	const closing = await stripe.v2.core.accounts.create(v2RecipientParams({ country: 'FR' }));
	const closed = await sent(
		stripe.v2.core.accounts.close(closing.id, { applied_configurations: ['recipient'] }),
	);
	const ping = await sent(stripe.v2.core.eventDestinations.ping(thin.id));
	return [
		['v2.core.account', recipient],
		['v2.core.account', merchant],
		['v2.core.account', closed],
		[
			'v2.core.account',
			await sent(stripe.v2.core.accounts.retrieve(recipient.id, { include: ALL_ACCOUNT_INCLUDES })),
		],
		['v2.core.account', (await sent(stripe.v2.core.accounts.list({ limit: 100 }))).data],
		['v2.core.account_link', link],
		['v2.core.account_person', person],
		[
			'v2.core.account_person',
			await sent(stripe.v2.core.accounts.persons.retrieve(recipient.id, person.id)),
		],
		['v2.core.event_destination', thin],
		['v2.core.event_destination', disabled],
		['v2.core.event_destination', await sent(stripe.v2.core.eventDestinations.retrieve(bridge.id))],
		[
			'v2.core.event_destination',
			(await sent(stripe.v2.core.eventDestinations.list({ include: ['webhook_endpoint.url'] })))
				.data,
		],
		['v2.core.event', ping],
		['v2.core.event', (await sent(stripe.v2.core.events.list({ limit: 100 }))).data],
		[
			'v2.core.event',
			(await sent(stripe.v2.core.events.list({ limit: 100 }, { stripeContext: recipient.id })))
				.data,
		],
	];
}

describe("response objects match the pinned SDK's object interfaces", () => {
	let sandbox: StripeSandbox;
	let stripe: Stripe;
	const samples: Array<[string, unknown]> = [];

	beforeAll(async () => {
		sandbox = await startSandbox({ now: 1_750_000_000 });
		stripe = sandboxStripe(sandbox);
		const receiver = await startWebhookReceiver();
		const seller = await stripe.accounts.create({
			type: 'express',
			country: 'GB',
			email: 'seller@example.test',
			capabilities: { transfers: { requested: true } },
		});
		const active = sandbox.state.createConnectedAccount({ country: 'US' });
		sandbox.state.fundBalance({ currency: 'usd', amount: 50_000 });
		const intent = await stripe.paymentIntents.create({
			amount: 4_000,
			currency: 'usd',
			payment_method: 'pm_card_createDispute',
			confirm: true,
			application_fee_amount: 400,
			transfer_data: { destination: active.id },
		});
		const charge = await stripe.charges.retrieve(intent.latest_charge as string);
		const declined = await stripe.paymentIntents
			.create({
				amount: 700,
				currency: 'usd',
				payment_method: 'pm_card_chargeDeclined',
				confirm: true,
			})
			.catch((error: Stripe.errors.StripeCardError) => error.payment_intent);
		const transfer = await stripe.transfers.create({
			amount: 1_000,
			currency: 'usd',
			destination: active.id,
		});
		const reversal = await stripe.transfers.createReversal(transfer.id, { amount: 100 });
		const refund = await stripe.refunds.create({
			payment_intent: intent.id,
			amount: 1_000,
			reverse_transfer: true,
			refund_application_fee: true,
		});
		const fee = await stripe.applicationFees.retrieve(charge.application_fee as string);
		const feeRefund = await stripe.applicationFees.createRefund(fee.id, { amount: 10 });
		const [dispute] = (await stripe.disputes.list()).data;
		const automatic = sandbox.state.createAutomaticPayout({
			account: active.id,
			currency: 'usd',
			status: 'failed',
			failure_code: 'account_closed',
		});
		const manual = await stripe.payouts.create({ amount: 100, currency: 'usd' });
		const endpoint = await stripe.webhookEndpoints.create({
			url: receiver.url,
			enabled_events: ['*'],
		});
		const v2Samples = await v2Objects(stripe, sandbox, receiver.url);
		await sandbox.flushDeliveries();
		await receiver.close();
		samples.push(
			...v2Samples,
			['account', seller],
			['account', active],
			['account', await stripe.accounts.retrieveCurrent()],
			['balance', await stripe.balance.retrieve()],
			['balance_transaction', (await stripe.balanceTransactions.list({ limit: 100 })).data],
			[
				'balance_transaction',
				(await stripe.balanceTransactions.list({ limit: 100 }, { stripeAccount: active.id })).data,
			],
			['payout', automatic],
			['payout', manual],
			['transfer', await stripe.transfers.retrieve(transfer.id)],
			['transfer_reversal', reversal],
			['payment_intent', intent],
			['payment_intent', declined],
			['charge', await stripe.charges.retrieve(charge.id)],
			['refund', refund],
			['application_fee', await stripe.applicationFees.retrieve(fee.id)],
			['fee_refund', feeRefund],
			['dispute', dispute],
			['webhook_endpoint', endpoint],
			['event', (await stripe.events.list({ limit: 100 })).data],
			['event', (await stripe.events.list({ limit: 100 }, { stripeAccount: active.id })).data],
			['charge', (await stripe.charges.list({ limit: 100 }, { stripeAccount: active.id })).data],
			['capability', await stripe.accounts.retrieveCapability(active.id, 'transfers')],
			['bank_account', (await stripe.accounts.listExternalAccounts(active.id)).data[0]],
			[
				'account_link',
				await stripe.accountLinks.create({
					account: seller.id,
					type: 'account_onboarding',
					refresh_url: 'https://x.test/r',
					return_url: 'https://x.test/d',
				}),
			],
			['login_link', await stripe.accounts.createLoginLink(seller.id)],
			[
				'account_session',
				await stripe.accountSessions.create({
					account: seller.id,
					components: { payouts: { enabled: true } },
				}),
			],
			[
				'person',
				await stripe.accounts.createPerson(seller.id, {
					first_name: 'Ada',
					relationship: { owner: true },
				}),
			],
			['deleted_account', await stripe.accounts.del(seller.id)],
			['deleted_webhook_endpoint', await stripe.webhookEndpoints.del(endpoint.id)],
		);
	});
	afterAll(() => sandbox.close());

	it('covers every kind of object the sandbox returns', () => {
		expect(new Set(samples.map(([name]) => name))).toEqual(new Set(OBJECT_KINDS));
	});

	it.each(OBJECT_KINDS)('returns %s objects as the pinned version describes them', (kind) => {
		const problems = samples
			.filter(([name]) => name === kind)
			.flatMap(([name, value]) =>
				(Array.isArray(value) ? value : [value]).flatMap((item) =>
					validateStripeObject(item, name),
				),
			);
		expect([...new Set(problems.map(withoutIndexes))]).toEqual([]);
	});

	it('sends event payloads whose objects conform to their definitions', () => {
		const events = samples
			.filter(([name]) => name === 'event')
			.flatMap(([, value]) => value as Stripe.Event[]);
		expect(events.length).toBeGreaterThan(10);
		const problems = events.flatMap((event) => {
			const object = event.data.object as unknown as { object: string };
			return validateStripeObject(object, object.object).map(
				(problem) => `${event.type}: ${withoutIndexes(problem)}`,
			);
		});
		expect([...new Set(problems)]).toEqual([]);
	});

	it('checks an event by the definition of its own type', () => {
		const events = samples
			.filter(([name]) => name === 'event')
			.flatMap(([, value]) => value as Stripe.Event[]);
		const transferCreated = events.find((event) => event.type === 'transfer.created');
		expect(transferCreated).toBeDefined();
		const payout = samples.find(([name]) => name === 'payout')?.[1];
		const asPayoutPaid = { ...transferCreated, type: 'payout.paid', data: { object: payout } };
		expect(validateStripeObject(asPayoutPaid, 'event')).toEqual([]);
		const mismatched = { ...transferCreated, type: 'payout.paid' };
		expect(validateStripeObject(mismatched, 'event')).toContain(
			'event.data.object.object: "transfer" is not one of payout',
		);
		expect(validateStripeObject({ ...transferCreated, type: 'no.such_type' }, 'event')).not.toEqual(
			[],
		);
	});

	it('detects a wrong type, a missing required field and an unknown field', () => {
		const transfer = samples.find(([name]) => name === 'transfer')?.[1] as Record<string, unknown>;
		const withoutRequired = Object.fromEntries(
			Object.entries(transfer).filter(([key]) => key !== 'amount_reversed'),
		);
		expect(validateStripeObject({ ...transfer, amount: '10' }, 'transfer')).toEqual([
			'transfer.amount: expected number, got "10"',
		]);
		expect(validateStripeObject(withoutRequired, 'transfer')).toEqual([
			"transfer.amount_reversed: required by the SDK's types but missing",
		]);
		expect(validateStripeObject({ ...transfer, surprise: 1 }, 'transfer')).toEqual([
			"transfer.surprise: not a field of this object in the SDK's types",
		]);
		expect(validateStripeObject({ ...transfer, reversed: null }, 'transfer')).toEqual([
			"transfer.reversed: null, but the SDK's type does not allow null",
		]);
	});
});
