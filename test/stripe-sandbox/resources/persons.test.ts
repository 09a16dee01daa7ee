import type Stripe from 'stripe';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StripeSandbox } from '../../../stripe-sandbox';
import { startSandboxWithSdk } from '../helpers';

describe('persons', () => {
	let sandbox: StripeSandbox;
	let stripe: Stripe;
	beforeEach(async () => {
		({ sandbox, stripe } = await startSandboxWithSdk({ now: 1_750_000_000 }));
	});
	afterEach(() => sandbox.close());

	it('manages persons and filters them by relationship', async () => {
		const company = sandbox.state.createConnectedAccount({ business_type: 'company' });
		const owner = await stripe.accounts.createPerson(company.id, {
			first_name: 'Ada',
			last_name: 'Lovelace',
			email: 'ada@example.test',
			relationship: { owner: true, percent_ownership: 60 },
		});
		const representative = await stripe.accounts.createPerson(company.id, {
			first_name: 'Grace',
			relationship: { representative: true, title: 'CEO' },
		});
		expect(owner).toMatchObject({
			object: 'person',
			account: company.id,
			first_name: 'Ada',
			relationship: { owner: true, percent_ownership: 60 },
		});
		const owners = await stripe.accounts.listPersons(company.id, { relationship: { owner: true } });
		expect(owners.data.map((person) => person.id)).toEqual([owner.id]);
		const updated = await stripe.accounts.updatePerson(company.id, owner.id, {
			email: '',
			metadata: { kyc: 'done' },
		});
		expect(updated).toMatchObject({ email: null, metadata: { kyc: 'done' } });
		expect(await stripe.accounts.deletePerson(company.id, owner.id)).toEqual({
			id: owner.id,
			object: 'person',
			deleted: true,
		});
		await expect(stripe.accounts.deletePerson(company.id, representative.id)).rejects.toMatchObject(
			{ statusCode: 400 },
		);
		const events = await stripe.events.list({ type: 'person.*' }, { stripeAccount: company.id });
		expect(events.data.map((event) => event.type)).toEqual([
			'person.deleted',
			'person.updated',
			'person.created',
			'person.created',
		]);
	});
});
