import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { readCommonConfig } from '../../../functions/shared/config';
import { createObservability } from '../../../functions/shared/observability';
import { connectToStripe, connectWithKey } from '../../../functions/shared/stripeClient';
import { startSandbox, type StripeSandbox } from '../../../stripe-sandbox';
import { enterLambdaEnvironment, type LambdaEnvironment } from '../../support/lambdaEnvironment';

describe('the jobs’ Stripe connection', () => {
	let sandbox: StripeSandbox;
	let lambda: LambdaEnvironment;
	const printed = () => lambda.output.join('');

	beforeEach(async () => {
		sandbox = await startSandbox();
		sandbox.state.createConnectedAccount({ country: 'US' });
		lambda = enterLambdaEnvironment({
			STRIPE_SECRET_KEY: sandbox.secretKey,
			STRIPE_API_BASE: sandbox.url,
		});
	});
	afterEach(async () => {
		lambda.restore();
		await sandbox.close();
	});

	it('connects to the given API base with the key, paced at the default rate of the key’s mode', async () => {
		const config = readCommonConfig(process.env);
		const { stripe, budget } = connectWithKey(config, sandbox.secretKey, new URL(sandbox.url));
		await budget.call('accounts.list', () => stripe.accounts.list({ limit: 1 }));

		expect(budget.stats()).toMatchObject({ apiCalls: 1, currentRequestsPerSecond: 20 });
		const [request] = sandbox.requests();
		expect([request.method, request.path]).toEqual(['GET', '/v1/accounts']);
		expect(request.headers.authorization).toBe(`Bearer ${sandbox.secretKey}`);
	});

	it('gives a Lambda a connection from its settings that logs each retry', async () => {
		const config = readCommonConfig({ ...process.env, STRIPE_REQUESTS_PER_SECOND: '50' });
		const { logger } = createObservability('connection-test');
		const { stripe, budget } = await connectToStripe(config, logger);
		sandbox.injectFaults({ status: 500, times: 1, match: { path: '/v1/accounts' } });
		await budget.call('accounts.list', () => stripe.accounts.list({ limit: 1 }));

		expect(budget.stats()).toMatchObject({ apiCalls: 2, retries: 1, currentRequestsPerSecond: 50 });
		expect(printed()).toMatch(/"message":"Retrying Stripe call".*"label":"accounts.list"/);
		expect(printed()).not.toContain(sandbox.secretKey);
	});
});
