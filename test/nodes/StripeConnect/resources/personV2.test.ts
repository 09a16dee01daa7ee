import { describe, expect, it } from 'vitest';

import type { StripeSandbox } from '../../../../stripe-sandbox';
import { runFixtureOk, useSandbox } from '../support/fixtureRuns';
import { seededV2Account } from '../support/v2Accounts';
import { expectSingleV2Request } from '../support/v2Wire';

let sandbox: StripeSandbox;

useSandbox((started) => {
	sandbox = started;
});

/** A v2 account with the merchant and recipient configurations, as the sandbox's own state makes it. */
function newV2Account(metadata: Record<string, string> = {}): string {
	return sandbox.state.createV2Account(seededV2Account(metadata)).id;
}

describe('Person V2', () => {
	async function newPerson(account: string, surname = 'Rosen'): Promise<string> {
		const [person] = await runFixtureOk(sandbox, 'person-v2-create', [
			{ account, surname, share: 25 },
		]);
		sandbox.clearRequests();
		return person.id as string;
	}

	it('creates a representative who owns a share, as JSON', async () => {
		const account = newV2Account();

		const [person] = await runFixtureOk(sandbox, 'person-v2-create', [
			{ account, surname: 'Rosen', share: '25.5' },
		]);

		expectSingleV2Request(sandbox, {
			method: 'POST',
			path: `/v2/core/accounts/${account}/persons`,
			json: {
				given_name: 'Jenny',
				surname: 'Rosen',
				email: 'jenny@maker.example.com',
				phone: '+4930123457',
				nationalities: ['DE', 'FR'],
				relationship: {
					representative: true,
					owner: true,
					title: 'CEO',
					percent_ownership: '25.5',
				},
				metadata: { source: 'n8n' },
			},
		});
		expect(person).toMatchObject({
			object: 'v2.core.account_person',
			account,
			given_name: 'Jenny',
			relationship: { percent_ownership: '25.5' },
		});
		expect(person.id).toMatch(/^person_/);
	});

	it('gets a person', async () => {
		const account = newV2Account();
		const id = await newPerson(account);

		const [person] = await runFixtureOk(sandbox, 'person-v2-get', [{ account, person: id }]);

		expectSingleV2Request(sandbox, {
			method: 'GET',
			path: `/v2/core/accounts/${account}/persons/${id}`,
		});
		expect(person).toMatchObject({ id, surname: 'Rosen' });
	});

	it('lists every person of an account', async () => {
		const account = newV2Account();
		const ids = [await newPerson(account, 'Rosen'), await newPerson(account, 'Smith')];

		const persons = await runFixtureOk(sandbox, 'person-v2-get-many', [{ account }]);

		expectSingleV2Request(sandbox, {
			method: 'GET',
			path: `/v2/core/accounts/${account}/persons`,
			rawQuery: 'limit=100',
		});
		expect(persons.map((person) => person.id).sort()).toEqual([...ids].sort());
	});

	it('updates a person and removes a metadata key with null', async () => {
		const account = newV2Account();
		const id = await newPerson(account);

		const [person] = await runFixtureOk(sandbox, 'person-v2-update', [{ account, person: id }]);

		expectSingleV2Request(sandbox, {
			method: 'POST',
			path: `/v2/core/accounts/${account}/persons/${id}`,
			json: {
				surname: 'Rosen-Smith',
				relationship: { director: true, percent_ownership: '12.5' },
				metadata: { source: null },
			},
		});
		expect(person).toMatchObject({ surname: 'Rosen-Smith' });
		expect(person.metadata).not.toHaveProperty('source');
	});

	it('deletes a person with an Idempotency-Key, as v2 deletes are keyed', async () => {
		const account = newV2Account();
		const id = await newPerson(account);

		const [deleted] = await runFixtureOk(sandbox, 'person-v2-delete', [{ account, person: id }]);

		expectSingleV2Request(sandbox, {
			method: 'DELETE',
			path: `/v2/core/accounts/${account}/persons/${id}`,
		});
		expect(deleted).toMatchObject({ id });
	});
});
