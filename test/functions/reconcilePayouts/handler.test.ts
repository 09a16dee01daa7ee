import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';

import type { StripeSandbox } from '../../../stripe-sandbox';
import type { EventBridgeStandIn } from '../../support/eventBridgeStandIn';
import { useLambdaHandlerRig } from '../../support/lambdaEnvironment';

const HOUR = 3600;
const context = { getRemainingTimeInMillis: () => 600_000 };

describe('the reconciliation Lambda handler', () => {
	let sandbox: StripeSandbox;
	let standIn: EventBridgeStandIn;
	let output: string[];

	useLambdaHandlerRig(
		(started) => ({ STRIPE_API_BASE: started.url, EVENT_BUS_NAME: 'payments-bus' }),
		'AKIDHANDLERTEST',
		(rig) => {
			({ sandbox, standIn } = rig);
			output = rig.lambda.output;
		},
	);

	function seedTwoPayouts() {
		const account = sandbox.state.createConnectedAccount({ country: 'US' });
		const paid = sandbox.state.createAutomaticPayout({
			account: account.id,
			currency: 'usd',
			created: sandbox.now() - 3 * HOUR,
			arrival_date: sandbox.now() - 2 * HOUR,
			amount: 5_000,
		});
		const failed = sandbox.state.createAutomaticPayout({
			account: account.id,
			currency: 'usd',
			created: sandbox.now() - 2 * HOUR,
			arrival_date: sandbox.now() - HOUR,
			amount: 700,
			status: 'failed',
		});
		return { account, paid, failed };
	}

	it('reconciles with the key from STRIPE_SECRET_KEY and publishes through AWS_ENDPOINT_URL_EVENTBRIDGE', async () => {
		process.env.STRIPE_SECRET_KEY = sandbox.secretKey;
		const { account, paid, failed } = seedTwoPayouts();
		const { handler } = await import('../../../functions/reconcilePayouts/handler');
		const summary = await handler({}, context);

		expect(summary.payouts).toMatchObject({ reconciled: 1, failed: 1 });
		expect(summary.accounts).toEqual({ total: 1, completed: 1, notReached: [] });
		const accepted = standIn.accepted();
		// Stripe lists payouts newest first.
		expect(accepted.map((entry) => [entry.DetailType, entry.detail.payout])).toEqual([
			['Payout Failed', failed.id],
			['Payout Reconciled', paid.id],
			['Reconciliation Completed', null],
		]);
		expect(accepted.every((entry) => entry.EventBusName === 'payments-bus')).toBe(true);
		expect(accepted[0].detail.account).toBe(account.id);
		expect(standIn.requests()[0].headers.authorization).toMatch(/Credential=AKIDHANDLERTEST\//);
		expect(output.join('')).toContain('"message":"Reconciliation completed"');
		expect(output.join('')).toContain('"StripeApiCalls"');
		expect(output.join('')).not.toContain(sandbox.secretKey);
	});

	it('reads the key from the SSM SecureString at run time and never logs it', async () => {
		process.env.STRIPE_SECRET_KEY_PARAMETER = '/stripe-connect/test/secret-key';
		const ssm = mockClient(SSMClient);
		ssm
			.on(GetParameterCommand, { Name: '/stripe-connect/test/secret-key', WithDecryption: true })
			.resolves({
				Parameter: {
					Name: '/stripe-connect/test/secret-key',
					Type: 'SecureString',
					Value: sandbox.secretKey,
				},
			});
		seedTwoPayouts();
		sandbox.injectFaults({ status: 500, times: 1, match: { path: '/v1/balance_transactions' } });
		try {
			const { handler } = await import('../../../functions/reconcilePayouts/handler');
			const summary = await handler({}, context);
			expect(summary.payouts.reconciled).toBe(1);
			expect(ssm.commandCalls(GetParameterCommand)).toHaveLength(1);
			const stripeRequests = sandbox.requests();
			expect(
				stripeRequests.every(
					(request) => request.headers.authorization === `Bearer ${sandbox.secretKey}`,
				),
			).toBe(true);
			expect(output.join('')).toContain('Retrying Stripe call');
			expect(output.join('')).not.toContain(sandbox.secretKey);
		} finally {
			ssm.restore();
		}
	});

	it('fails at start naming a missing bus', async () => {
		process.env.STRIPE_SECRET_KEY = sandbox.secretKey;
		delete process.env.EVENT_BUS_NAME;
		await expect(import('../../../functions/reconcilePayouts/handler')).rejects.toThrow(
			/^EVENT_BUS_NAME: is not set/,
		);
	});

	it('fails naming STRIPE_SECRET_KEY_PARAMETER when the SSM value is not a Stripe key, without echoing it', async () => {
		// Another name than above: Powertools caches parameter values for the life of the container.
		process.env.STRIPE_SECRET_KEY_PARAMETER = '/stripe-connect/test/misfiled-key';
		const ssm = mockClient(SSMClient);
		ssm.on(GetParameterCommand).resolves({ Parameter: { Value: 'whsec_notAnApiKey123456' } });
		try {
			const { handler } = await import('../../../functions/reconcilePayouts/handler');
			const failure = (await handler({}, context).catch((error: unknown) => error)) as Error;
			expect(failure.message).toMatch(
				/^STRIPE_SECRET_KEY_PARAMETER: This is a webhook signing secret/,
			);
			expect(failure.message).not.toContain('whsec_notAnApiKey123456');
			expect(sandbox.requests()).toHaveLength(0);
			expect(standIn.requests()).toHaveLength(0);
		} finally {
			ssm.restore();
		}
	});

	it('takes an explicit window from the invocation and names a malformed one', async () => {
		process.env.STRIPE_SECRET_KEY = sandbox.secretKey;
		seedTwoPayouts();
		const { handler } = await import('../../../functions/reconcilePayouts/handler');
		const since = new Date((sandbox.now() - 90 * 60) * 1000).toISOString();
		const summary = await handler({ since }, context);
		expect(summary.payouts).toMatchObject({ reconciled: 0, failed: 1 });
		await expect(handler({ until: 'tomorrow' }, context)).rejects.toThrow(
			/^until: "tomorrow" is not an ISO 8601/,
		);
	});
});
