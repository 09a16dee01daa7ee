import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { parsePayPeriod, previousPayPeriod } from '../../../functions/transferTips/period';
import { startSandbox, type StripeSandbox } from '../../../stripe-sandbox';
import { runJobCli } from '../../support/jobCli';
import { TipScenario } from '../../support/tipScenarios';

describe('the tips CLI', () => {
	let sandbox: StripeSandbox;

	beforeEach(async () => {
		sandbox = await startSandbox();
	});
	afterEach(async () => {
		await sandbox.close();
	});

	const stripeEnv = () => ({ STRIPE_SECRET_KEY: sandbox.secretKey, STRIPE_API_BASE: sandbox.url });

	it('tips --dry-run prints a plan and moves no money', async () => {
		const alice = sandbox.state.createConnectedAccount({ country: 'US', business_name: 'Alice' });
		const scenario = new TipScenario(sandbox);
		await scenario.pay([
			{ amount: 5_000, currency: 'usd', tip: 750, recipient: alice.id },
			{ amount: 3_000, currency: 'usd', tip: 500, recipient: alice.id },
		]);
		sandbox.clearRequests();
		const period = previousPayPeriod(sandbox.now() + 7 * 86_400, 'UTC');
		expect(parsePayPeriod(period.id, 'UTC').start).toBeLessThanOrEqual(sandbox.now());
		const { stdout, code } = await runJobCli(
			'functions/transferTips/cli.ts',
			['--period', period.id, '--dry-run'],
			stripeEnv(),
		);

		expect(code).toBe(0);
		expect(stdout).toContain(`Tip transfers ${period.id} (dry run: no money moved)`);
		expect(stdout).toContain('Payments   2 succeeded in the period, 1 recipients');
		expect(stdout).toContain('Transfers  planned 1 · already paid 0 · skipped 0 · failed 0');
		expect(stdout).toMatch(new RegExp(`Tip Transfer Planned +${alice.id} +12\\.50 USD`));
		expect(sandbox.requests({ method: 'POST' })).toHaveLength(0);
	});

	it('names a bad flag or setting and exits non-zero', async () => {
		const badKey = await runJobCli('functions/transferTips/cli.ts', [], {
			STRIPE_SECRET_KEY: 'pk_test_123456789012',
		});
		expect(badKey.code).toBe(1);
		expect(badKey.stderr).toMatch(/^tips: STRIPE_SECRET_KEY: This is a publishable key/);
		expect(badKey.stderr).not.toContain('pk_test_123456789012');
		const badPeriod = await runJobCli(
			'functions/transferTips/cli.ts',
			['--period', '2026-46'],
			stripeEnv(),
		);
		expect(badPeriod.stderr).toMatch(/^tips: period: "2026-46" is not an ISO week/);
	});
});
