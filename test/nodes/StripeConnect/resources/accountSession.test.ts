import { describe, expect, it } from 'vitest';

import { ACCOUNT_SESSION_COMPONENTS } from '../../../../nodes/StripeConnect/resources/accountSession/components';
import type { StripeSandbox } from '../../../../stripe-sandbox';
import { stripeDefinitions } from '../../../../stripe-sandbox/definitions/loadDefinitions';
import type { Definition } from '../../../../stripe-sandbox/definitions/types';
import { expectSingleRequest, runFixture, runFixtureOk, useSandbox } from '../support/fixtureRuns';

let sandbox: StripeSandbox;
let account: string;

useSandbox((started) => {
	sandbox = started;
	account = sandbox.state.createConnectedAccount({ country: 'US' }).id;
});

const FIXTURE = 'account-session-create-features-input';

function propertiesOf(definition: Definition | undefined): Record<string, Definition> {
	const types = stripeDefinitions().types;
	const resolved = definition?.type === 'ref' ? types[definition.ref] : definition;
	return resolved?.type === 'object' ? resolved.properties : {};
}

describe('Account Session → Create', () => {
	it('offers every component of the pinned version with exactly its features', () => {
		const components = propertiesOf({
			type: 'ref',
			ref: 'AccountSessions:AccountSessionCreateParams.Components',
		});
		const pinned = Object.fromEntries(
			Object.entries(components).map(([name, definition]) => [
				name,
				Object.keys(propertiesOf(propertiesOf(definition).features)),
			]),
		);

		expect(ACCOUNT_SESSION_COMPONENTS).toEqual(pinned);
		expect(Object.keys(pinned)).toEqual(
			expect.arrayContaining([
				'balance_report',
				'payout_reconciliation_report',
				'instant_payouts_promotion',
				'reporting_chart',
			]),
		);
	});

	it('enables the 2025 reporting components and turns features on and off', async () => {
		const [session] = await runFixtureOk(sandbox, FIXTURE, [
			{
				account,
				components: [
					'balance_report',
					'payout_reconciliation_report',
					'reporting_chart',
					'instant_payouts_promotion',
					'payouts',
				],
				turnOn: ['payouts.instant_payouts', 'instant_payouts_promotion.instant_payouts'],
				turnOff: ['payouts.external_account_collection'],
			},
		]);

		expectSingleRequest(sandbox, {
			method: 'POST',
			path: '/v1/account_sessions',
			rawBody:
				`account=${account}` +
				'&components[balance_report][enabled]=true' +
				'&components[payout_reconciliation_report][enabled]=true' +
				'&components[reporting_chart][enabled]=true' +
				'&components[instant_payouts_promotion][enabled]=true' +
				'&components[instant_payouts_promotion][features][instant_payouts]=true' +
				'&components[payouts][enabled]=true' +
				'&components[payouts][features][instant_payouts]=true' +
				'&components[payouts][features][external_account_collection]=false',
		});
		expect(session).toMatchObject({
			object: 'account_session',
			account,
			components: {
				balance_report: { enabled: true },
				payout_reconciliation_report: { enabled: true },
				reporting_chart: { enabled: true },
				instant_payouts_promotion: { enabled: true, features: { instant_payouts: true } },
				payouts: {
					enabled: true,
					features: { instant_payouts: true, external_account_collection: false },
				},
				account_onboarding: { enabled: false },
			},
		});
	});

	it.each([
		['a component in the wrong case', { components: ['Balance_Report'] }, /^Components: /],
		['no component', { components: [] }, /^Components: has nothing selected/],
		[
			'a feature of a component not enabled',
			{ components: ['payments'], turnOn: ['payouts.instant_payouts'] },
			/^Component Features → Turn On: "payouts\.instant_payouts" is a feature of payouts, which Components does not enable/,
		],
		[
			'one feature both on and off',
			{
				components: ['payouts'],
				turnOn: ['payouts.instant_payouts'],
				turnOff: ['payouts.instant_payouts'],
			},
			/^Component Features → Turn On and Component Features → Turn Off: both name payouts\.instant_payouts/,
		],
		[
			'an unknown feature',
			{ components: ['payouts'], turnOn: ['payouts.instant'] },
			/^Component Features → Turn On: /,
		],
		[
			'a blank feature list from an expression',
			{ components: ['payouts'], turnOn: '' },
			/^Component Features → Turn On: "" is not one of/,
		],
	])('refuses %s before sending anything', async (_case, input, message) => {
		const valid = {
			account,
			turnOn: ['payouts.standard_payouts'],
			turnOff: ['payouts.edit_payout_schedule'],
		};
		const result = await runFixture(sandbox, FIXTURE, [{ ...valid, ...input }]);

		expect(result.error?.message).toMatch(message);
		expect(sandbox.requests()).toEqual([]);
	});
});

describe('Onboarding', () => {
	it('creates an account session with embedded components enabled', async () => {
		const account = sandbox.state.createConnectedAccount({ country: 'US' }).id;

		const [session] = await runFixtureOk(sandbox, 'account-session-create', [{ account }]);

		expectSingleRequest(sandbox, {
			method: 'POST',
			path: '/v1/account_sessions',
			rawBody: `account=${account}&components[account_onboarding][enabled]=true&components[payouts][enabled]=true&components[payments][enabled]=true`,
		});
		expect(session).toMatchObject({ object: 'account_session', account });
		expect(session.client_secret).toEqual(expect.any(String));
	});
});
