import type Stripe from 'stripe';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { StripeSandbox } from '../../stripe-sandbox';
import { stripeDefinitions } from '../../stripe-sandbox/definitions/loadDefinitions';
import { ROUTES, V2_ROUTES } from '../../stripe-sandbox/routes';
import { PathIndex } from '../../stripe-sandbox/validation/pathIndex';
import { callSandbox, startSandboxWithSdk, v2RecipientParams, type RawResponse } from './helpers';

let sandbox: StripeSandbox;
let stripe: Stripe;

beforeAll(async () => {
	({ sandbox, stripe } = await startSandboxWithSdk());
});

afterAll(async () => {
	await sandbox.close();
});

/** A v2 POST with a raw JSON body, as the SDK sends one. */
async function postJson(path: string, body: unknown): Promise<RawResponse> {
	const response = await fetch(`${sandbox.url}${path}`, {
		method: 'POST',
		headers: { Authorization: `Bearer ${sandbox.secretKey}`, 'Content-Type': 'application/json' },
		body: JSON.stringify(body),
	});
	return {
		status: response.status,
		headers: response.headers,
		body: (await response.json()) as RawResponse['body'],
	};
}

describe('v2 routing', () => {
	let accountId: string;

	beforeEach(async () => {
		({ id: accountId } = await stripe.v2.core.accounts.create(
			v2RecipientParams({ country: 'DE', entity_type: 'company' }),
		));
	});

	it('refuses a body the pinned version does not accept before the handler runs, in the v2 error shape', async () => {
		const eventsBefore = (await stripe.v2.core.events.list({ limit: 100 })).data.length;
		const accountsBefore = (await stripe.v2.core.accounts.list({ limit: 100 })).data.length;
		const refused = await postJson('/v2/core/accounts', {
			...v2RecipientParams({ country: 'DE' }),
			identity: { country: 'DE', entity_type: 'partnership' },
		});
		expect(refused.status).toBe(400);
		expect(refused.body.error).toEqual({
			type: 'invalid_request_error',
			code: 'invalid_fields',
			param: 'identity.entity_type',
			message:
				'Invalid identity.entity_type: must be one of company, government_entity, individual, or non_profit (Stripe API 2026-10-28.endive)',
		});
		const wrongType = await postJson(`/v2/core/accounts/${accountId}`, { display_name: 42 });
		expect(wrongType.body.error).toMatchObject({ code: 'invalid_fields', param: 'display_name' });
		expect((await stripe.v2.core.accounts.list({ limit: 100 })).data).toHaveLength(accountsBefore);
		expect((await stripe.v2.core.events.list({ limit: 100 })).data).toHaveLength(eventsBefore);
	});

	it('checks the query of a v2 GET, reading a repeated key as a list', async () => {
		const refused = await callSandbox(sandbox, 'GET', '/v2/core/accounts?closed=maybe');
		expect(refused.status).toBe(400);
		expect(refused.body.error).toMatchObject({ code: 'invalid_fields', param: 'closed' });
		const repeated = await callSandbox(
			sandbox,
			'GET',
			`/v2/core/accounts/${accountId}?include=identity&include=defaults`,
		);
		expect(repeated.status).toBe(200);
		expect(repeated.body.identity).toMatchObject({ country: 'DE' });
		expect(repeated.body.defaults).toMatchObject({ currency: 'eur' });
		expect(repeated.body.requirements).toBeNull();
	});

	it('answers 404 for a path the pinned version lacks, and names an endpoint the sandbox lacks', async () => {
		const unknown = await callSandbox(sandbox, 'GET', '/v2/core/nothing_here');
		expect(unknown.status).toBe(404);
		expect(unknown.body.error).toMatchObject({ code: 'not_found' });
		const unimplemented = await callSandbox(sandbox, 'GET', '/v2/core/vault/us_bank_accounts');
		expect(unimplemented.status).toBe(404);
		expect(unimplemented.body.error.message).toContain(
			'does not implement GET /v2/core/vault/us_bank_accounts',
		);
	});

	it('takes a page token on lists only', async () => {
		const first = await callSandbox(sandbox, 'GET', '/v2/core/events?limit=1');
		expect(first.body.next_page_url).toMatch(/^\/v2\/core\/events\?page=/);
		const next = await callSandbox(sandbox, 'GET', first.body.next_page_url as string);
		expect(next.status).toBe(200);
		const token = new URL(first.body.next_page_url as string, sandbox.url).searchParams.get('page');
		const onRetrieve = await callSandbox(
			sandbox,
			'GET',
			`/v2/core/accounts/${accountId}?page=${token}`,
		);
		expect(onRetrieve.status).toBe(400);
		expect(onRetrieve.body.error).toMatchObject({ code: 'invalid_fields', param: 'page' });
	});

	it('hands the handler JSON null as sent: a metadata key set to null is removed', async () => {
		await stripe.v2.core.accounts.update(accountId, { metadata: { keep: 'x', drop: 'y' } });
		const updated = await postJson(`/v2/core/accounts/${accountId}`, {
			metadata: { drop: null, count: 3 },
		});
		expect(updated.status).toBe(200);
		expect(updated.body.metadata).toEqual({ keep: 'x', count: '3' });
	});
});

describe('route tables', () => {
	it('serve only endpoints of the pinned version, which the validator lets through', () => {
		const endpoints = new PathIndex<string>();
		for (const endpoint of stripeDefinitions().endpoints) {
			endpoints.add(endpoint.method, endpoint.path, endpoint.sdkMethod);
		}
		const unknown = [...Object.keys(ROUTES), ...Object.keys(V2_ROUTES)].filter((key) => {
			const [method, template] = key.split(' ');
			return !endpoints.match(method, template.replace(/\{[^}]+\}/g, 'x_1'));
		});
		expect(unknown).toEqual([]);
	});
});

describe('v1 routing', () => {
	it('finds handlers whose path placeholders the SDK names otherwise ({transferId}, {id})', async () => {
		sandbox.state.fundBalance({ currency: 'usd', amount: 10_000 });
		const seller = sandbox.state.createConnectedAccount({ country: 'US' });
		const transfer = await stripe.transfers.create({
			amount: 1_000,
			currency: 'usd',
			destination: seller.id,
		});
		const reversal = await stripe.transfers.createReversal(transfer.id, { amount: 400 });
		const fetched = await stripe.transfers.retrieveReversal(transfer.id, reversal.id);
		expect(fetched).toMatchObject({ id: reversal.id, amount: 400, transfer: transfer.id });
	});
});
