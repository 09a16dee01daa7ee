import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { readCommonConfig } from '../../../functions/shared/config';
import { createObservability } from '../../../functions/shared/observability';
import { connectToStripe, connectWithKey } from '../../../functions/shared/stripeClient';
import { startSandbox, type StripeSandbox } from '../../../stripe-sandbox';
import { enterLambdaEnvironment, type LambdaEnvironment } from '../../support/lambdaEnvironment';

const stripeClientPath = fileURLToPath(
	new URL('../../../functions/shared/stripeClient.ts', import.meta.url),
);

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

describe('the secret key resolution', () => {
	it('loads Powertools Parameters and the SSM client only when a key is read from SSM', () => {
		// A fresh process: the module cache of this one already holds whatever other suites loaded.
		const script = `
			const { resolveStripeSecretKey } = require(${JSON.stringify(stripeClientPath)});
			const ssmModules = () => Object.keys(require.cache).filter((path) => /client-ssm|parameters/.test(path));
			const atImport = ssmModules().length;
			resolveStripeSecretKey({ kind: 'inline', secretKey: 'sk_test_inline' }).then(async (key) => {
				const afterInline = ssmModules().length;
				process.env.AWS_REGION = 'eu-west-1';
				await resolveStripeSecretKey({ kind: 'ssm', parameterName: '/unreachable' }).catch(() => {});
				console.log(JSON.stringify({ key, atImport, afterInline, afterSsm: ssmModules().length }));
			});`;
		const output = execFileSync(process.execPath, ['--require', 'tsx/cjs', '-e', script], {
			encoding: 'utf8',
			env: {
				PATH: process.env.PATH,
				AWS_ENDPOINT_URL_SSM: 'http://127.0.0.1:9',
				AWS_ACCESS_KEY_ID: 'test',
				AWS_SECRET_ACCESS_KEY: 'test',
				AWS_MAX_ATTEMPTS: '1',
			},
			timeout: 60_000,
		});
		const loaded = JSON.parse(output.trim().split('\n').at(-1) ?? '{}') as Record<string, unknown>;
		expect(loaded).toMatchObject({ key: 'sk_test_inline', atImport: 0, afterInline: 0 });
		expect(loaded.afterSsm).toBeGreaterThan(0);
	});
});
