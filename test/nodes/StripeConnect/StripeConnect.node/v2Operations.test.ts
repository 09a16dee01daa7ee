import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import type { StripeSandbox } from '../../../../stripe-sandbox';
import { StripeConnect } from '../../../../nodes/StripeConnect/StripeConnect.node';
import { builtStripeOperations } from '../../../../nodes/StripeConnect/shared/operation';
import { runFixture, useSandbox } from '../support/fixtureRuns';
import { seededV2Account } from '../support/v2Accounts';

let sandbox: StripeSandbox;

useSandbox((started) => {
	sandbox = started;
});

new StripeConnect();

/** A v2 account with the merchant and recipient configurations, as the sandbox's own state makes it. */
function newV2Account(metadata: Record<string, string> = {}): string {
	return sandbox.state.createV2Account(seededV2Account(metadata)).id;
}

describe('v2 input is strict: a set field that resolves to nothing or to an unknown option stops the item', () => {
	async function refused(fixture: string, item: IDataObject) {
		const result = await runFixture(sandbox, fixture, [item]);
		expect(sandbox.requests()).toEqual([]);
		return result.error;
	}

	it('refuses a Contact Email expression that gave nothing', async () => {
		const error = await refused('account-v2-create', { name: 'Maker', sellerId: 's_1' });
		expect(error?.message).toBe('Contact Email: is required. Fill it in.');
		expect(error?.description).toContain('Nothing was sent to Stripe');
	});

	it('refuses a use case that is not one of its options, naming them', async () => {
		const error = await refused('account-link-v2-create', {
			account: newV2Account(),
			useCase: 'onboarding',
		});
		expect(error?.message).toMatch(/^Use Case/);
		expect(error?.message).toContain('account_onboarding');
		expect(error?.message).toContain('account_update');
	});

	it('refuses a percent ownership over 100', async () => {
		const error = await refused('person-v2-create', {
			account: newV2Account(),
			surname: 'Rosen',
			share: 120,
		});
		expect(error?.message).toMatch(/^Additional Fields → Percent Ownership/);
	});

	it('refuses a percent ownership expression that gave nothing', async () => {
		const error = await refused('person-v2-create', { account: newV2Account(), surname: 'Rosen' });
		expect(error?.message).toMatch(
			/^Additional Fields → Percent Ownership: is added but its expression gave nothing/,
		);
	});

	it('refuses an account ID that is not one', async () => {
		const error = await refused('account-v2-get', { account: 'person_123' });
		expect(error?.message).toMatch(/^Account ID/);
	});
});

describe('v2 errors name the field to fix', () => {
	it('maps a body parameter Stripe refuses to its node field', async () => {
		const v1Account = sandbox.state.createConnectedAccount({ country: 'US' }).id;

		const result = await runFixture(sandbox, 'account-link-v2-create', [
			{ account: v1Account, useCase: 'account_onboarding' },
		]);

		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.httpCode).toBe('400');
		expect(result.error?.message).toMatch(/^V1 Account ID cannot be used in V2 Account APIs/);
		expect(result.error?.description).toContain(
			'Fix: Check the "Account ID" field (Stripe parameter "account").',
		);
		expect(result.error?.context?.stripe).toMatchObject({
			code: 'v1_account_id_not_supported',
			param: 'account',
			field_to_fix: 'Account ID',
		});
	});

	it('maps a path parameter (account_id) to its node field', async () => {
		const v1Account = sandbox.state.createConnectedAccount({ country: 'US' }).id;

		const result = await runFixture(sandbox, 'person-v2-get', [
			{ account: v1Account, person: 'person_1missing' },
		]);

		expect(result.error?.context?.stripe).toMatchObject({
			param: 'account_id',
			field_to_fix: 'Account ID',
		});
	});

	it("says a missing object is not found (v2's not_found code)", async () => {
		const result = await runFixture(sandbox, 'account-v2-get', [{ account: 'acct_1doesnotexist' }]);

		expect(result.error?.httpCode).toBe('404');
		expect(result.error?.message).toBe("No such account: 'acct_1doesnotexist'");
		expect(result.error?.description).toContain('Code: not_found');
		expect(result.error?.description).toContain('Fix: Check the ID fields of this operation');
	});
});

describe('the v2 operations in the editor', () => {
	const v2Operations = builtStripeOperations().filter((summary) =>
		summary.recipe.path.startsWith('/v2/'),
	);

	function optionNames(properties: INodeProperties[]): string[] {
		const options = properties.find((property) => property.name === 'options');
		return ((options?.options ?? []) as INodeProperties[]).map((member) => member.name);
	}

	it('are the Account, Account Link and Person V2 operations', () => {
		expect(
			v2Operations.map((summary) => `${summary.resource}.${summary.operation}`).sort(),
		).toEqual(
			[
				'accountLinkV2.create',
				'accountV2.close',
				'accountV2.create',
				'accountV2.get',
				'accountV2.getAll',
				'accountV2.update',
				'personV2.create',
				'personV2.delete',
				'personV2.get',
				'personV2.getAll',
				'personV2.update',
			].sort(),
		);
	});

	it('offer Stripe Context but not Connected Account (v2 takes no Stripe-Account), and no Expand', () => {
		for (const summary of v2Operations) {
			const names = optionNames(summary.properties);
			expect(names, `${summary.resource}.${summary.operation}`).toContain('stripeContext');
			expect(names).not.toContain('connectedAccount');
			expect(names).not.toContain('expand');
		}
	});

	it('offer Idempotency on every POST and DELETE', () => {
		for (const summary of v2Operations.filter((operation) => operation.recipe.method !== 'GET')) {
			expect(optionNames(summary.properties)).toEqual(
				expect.arrayContaining(['idempotency', 'idempotencyKey']),
			);
		}
	});
});
