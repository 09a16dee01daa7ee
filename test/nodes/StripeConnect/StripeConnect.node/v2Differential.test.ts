/**
 * The node's v2 requests equal what the official stripe SDK 23.1.0 sends for the same call: both are
 * sent to the same sandbox and compared as recorded on the wire, reduced by the conformance suite's
 * differential helper (support/differentialCapture.ts) plus the raw query, the Content-Type, and whether an
 * Idempotency-Key is sent (its value is random in the SDK and derived in the node). Each side acts on
 * its own, equal, seeded objects.
 */
import { join } from 'node:path';

import type { IDataObject } from 'n8n-workflow';
import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';

import { StripeConnect } from '../../../../nodes/StripeConnect/StripeConnect.node';
import { builtStripeOperations } from '../../../../nodes/StripeConnect/shared/operation';
import { loadWorkflowFixture } from '../../../harness/runWorkflow';
import type { RecordedRequest, StripeSandbox } from '../../../../stripe-sandbox';
import { sandboxSdk, wireRequestOf, type WireRequest } from '../support/differentialCapture';
import { FIXTURE_FOLDER, runFixtureOk, useSandbox } from '../support/fixtureRuns';
import {
	createdAccountParams,
	makerItem,
	seededV2Account,
	updatedAccountParams,
} from '../support/v2Accounts';

let sandbox: StripeSandbox;
let stripe: Stripe;

useSandbox((started) => {
	sandbox = started;
	stripe = sandboxSdk(started);
});

/** The objects one side of a comparison acts on; each side gets its own, equal ones. */
interface Seeded {
	account: string;
	person: string;
}

async function seed(): Promise<Seeded> {
	const account = sandbox.state.createV2Account(seededV2Account({ legacy: 'yes' })).id;
	const person = await stripe.v2.core.accounts.persons.create(account, {
		given_name: 'Jenny',
		surname: 'Rosen',
		metadata: { source: 'n8n' },
	});
	return { account, person: person.id };
}

/**
 * What must be equal on the wire: the conformance helper's reduction (method, path, Stripe-Account,
 * Stripe-Context, Stripe-Version, the decoded parameters, the status), and what v2 adds — the raw
 * query, the Content-Type, and that POST and DELETE carry an Idempotency-Key — with the seeded ids of a
 * side replaced by their names.
 */
function wireOf(request: RecordedRequest, seeded: Seeded) {
	const named = (text: string) =>
		Object.entries(seeded).reduce((result, [name, id]) => result.split(id).join(`{${name}}`), text);
	return {
		...(JSON.parse(named(JSON.stringify(wireRequestOf(request)))) as WireRequest),
		rawQuery: named(request.rawQuery),
		contentType: request.method === 'POST' ? request.headers['content-type'] : undefined,
		keyed: request.idempotencyKey !== undefined,
	};
}

/** The one request made by `send`, as wireOf sees it. */
async function captured(seeded: Seeded, send: () => Promise<unknown>) {
	sandbox.clearRequests();
	await send();
	const requests = sandbox.requests();
	expect(requests).toHaveLength(1);
	return wireOf(requests[0], seeded);
}

interface DifferentialCase {
	fixture: string;
	item: (seeded: Seeded) => IDataObject;
	sdk: (seeded: Seeded) => Promise<unknown>;
}

function linkParams(account: string, type: 'account_onboarding' | 'account_update') {
	const options = {
		return_url: `https://example.com/onboarding/done?account=${account}`,
		refresh_url: 'https://example.com/onboarding/refresh',
		collection_options: {
			fields: 'eventually_due' as const,
			future_requirements: 'include' as const,
		},
	};
	return { account, use_case: { type, [type]: options } };
}

const CASES: Record<string, DifferentialCase> = {
	'v2.core.accounts.create': {
		fixture: 'account-v2-create',
		item: () => makerItem('s_diff'),
		sdk: () => stripe.v2.core.accounts.create(createdAccountParams('s_diff')),
	},
	'v2.core.accounts.retrieve (include)': {
		fixture: 'account-v2-get',
		item: ({ account }) => ({ account }),
		sdk: ({ account }) =>
			stripe.v2.core.accounts.retrieve(account, { include: ['identity', 'requirements'] }),
	},
	'v2.core.accounts.retrieve (stripeContext)': {
		fixture: 'account-v2-get-context',
		item: ({ account }) => ({ account, context: account }),
		sdk: ({ account }) => stripe.v2.core.accounts.retrieve(account, {}, { stripeContext: account }),
	},
	'v2.core.accounts.list (applied_configurations)': {
		fixture: 'account-v2-get-many',
		item: () => ({}),
		sdk: () => stripe.v2.core.accounts.list({ applied_configurations: ['recipient'], limit: 100 }),
	},
	'v2.core.accounts.list (closed, limit)': {
		fixture: 'account-v2-get-many-limit',
		item: () => ({}),
		sdk: () => stripe.v2.core.accounts.list({ closed: true, limit: 3 }),
	},
	'v2.core.accounts.update': {
		fixture: 'account-v2-update',
		item: ({ account }) => ({ account }),
		sdk: ({ account }) => stripe.v2.core.accounts.update(account, updatedAccountParams()),
	},
	'v2.core.accounts.update (deactivate)': {
		fixture: 'account-v2-deactivate',
		item: ({ account }) => ({ account }),
		sdk: ({ account }) =>
			stripe.v2.core.accounts.update(account, {
				include: ['configuration.recipient'],
				configuration: { recipient: { applied: false } },
			}),
	},
	'v2.core.accounts.close': {
		fixture: 'account-v2-close',
		item: ({ account }) => ({ account }),
		sdk: ({ account }) =>
			stripe.v2.core.accounts.close(account, { applied_configurations: ['merchant', 'recipient'] }),
	},
	'v2.core.accountLinks.create (account_onboarding)': {
		fixture: 'account-link-v2-create',
		item: ({ account }) => ({ account, useCase: 'account_onboarding' }),
		sdk: ({ account }) =>
			stripe.v2.core.accountLinks.create(linkParams(account, 'account_onboarding')),
	},
	'v2.core.accountLinks.create (account_update)': {
		fixture: 'account-link-v2-create',
		item: ({ account }) => ({ account, useCase: 'account_update' }),
		sdk: ({ account }) => stripe.v2.core.accountLinks.create(linkParams(account, 'account_update')),
	},
	'v2.core.accounts.persons.create': {
		fixture: 'person-v2-create',
		item: ({ account }) => ({ account, surname: 'Rosen', share: '25.5' }),
		sdk: ({ account }) =>
			stripe.v2.core.accounts.persons.create(account, {
				given_name: 'Jenny',
				surname: 'Rosen',
				email: 'jenny@maker.example.com',
				phone: '+4930123457',
				nationalities: ['DE', 'FR'],
				relationship: {
					representative: true,
					owner: true,
					title: 'CEO',
					percent_ownership: Stripe.Decimal.from('25.5'),
				},
				metadata: { source: 'n8n' },
			}),
	},
	'v2.core.accounts.persons.retrieve': {
		fixture: 'person-v2-get',
		item: ({ account, person }) => ({ account, person }),
		sdk: ({ account, person }) => stripe.v2.core.accounts.persons.retrieve(account, person),
	},
	'v2.core.accounts.persons.list': {
		fixture: 'person-v2-get-many',
		item: ({ account }) => ({ account }),
		sdk: ({ account }) => stripe.v2.core.accounts.persons.list(account, { limit: 100 }),
	},
	'v2.core.accounts.persons.update': {
		fixture: 'person-v2-update',
		item: ({ account, person }) => ({ account, person }),
		sdk: ({ account, person }) =>
			stripe.v2.core.accounts.persons.update(account, person, {
				surname: 'Rosen-Smith',
				relationship: { director: true, percent_ownership: Stripe.Decimal.from('12.5') },
				metadata: { source: null },
			}),
	},
	'v2.core.accounts.persons.del': {
		fixture: 'person-v2-delete',
		item: ({ account, person }) => ({ account, person }),
		sdk: ({ account, person }) => stripe.v2.core.accounts.persons.del(account, person),
	},
};

/** The `resource.operation` a workflow fixture runs in its Stripe Connect node. */
function operationOfFixture(name: string): string {
	const workflow = loadWorkflowFixture(join(FIXTURE_FOLDER, `${name}.json`));
	const node = workflow.nodes.find((entry) => entry.type.endsWith('.stripeConnect'));
	const parameters = (node?.parameters ?? {}) as { resource?: string; operation?: string };
	return `${parameters.resource}.${parameters.operation}`;
}

describe('the node sends what stripe 23.1.0 sends for the same v2 call', () => {
	it('compares every v2 operation of the node', () => {
		new StripeConnect();
		const v2Operations = builtStripeOperations()
			.filter((summary) => summary.recipe.path.startsWith('/v2/'))
			.map((summary) => `${summary.resource}.${summary.operation}`);
		const compared = new Set(Object.values(CASES).map((call) => operationOfFixture(call.fixture)));
		expect(v2Operations.length).toBeGreaterThanOrEqual(11);
		expect(v2Operations.filter((operation) => !compared.has(operation))).toEqual([]);
	});

	it('covers every v2 operation fixture of the node', () => {
		const fixtures = new Set(Object.values(CASES).map((call) => call.fixture));
		expect([...fixtures].sort()).toEqual(
			[
				'account-link-v2-create',
				'account-v2-close',
				'account-v2-create',
				'account-v2-deactivate',
				'account-v2-get',
				'account-v2-get-context',
				'account-v2-get-many',
				'account-v2-get-many-limit',
				'account-v2-update',
				'person-v2-create',
				'person-v2-delete',
				'person-v2-get',
				'person-v2-get-many',
				'person-v2-update',
			].sort(),
		);
	});

	it.each(Object.entries(CASES))('%s', async (_name, call) => {
		const forNode = await seed();
		const forSdk = await seed();

		const node = await captured(forNode, () =>
			runFixtureOk(sandbox, call.fixture, [call.item(forNode)]),
		);
		const sdk = await captured(forSdk, () => call.sdk(forSdk));

		expect(node).toEqual(sdk);
		expect(node.status).toBe(200);
	});
});
