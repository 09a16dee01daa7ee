import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { parsePayPeriod, previousPayPeriod } from '../../functions/transferTips/period';
import { startSandbox, type StripeSandbox } from '../../stripe-sandbox';
import { startEventBridgeStandIn, type EventBridgeStandIn } from '../support/eventBridgeStandIn';
import { eventBridgeSettingsFor } from '../support/eventBridgeClient';
import { TipScenario } from '../support/tipScenarios';

const run = promisify(execFile);
const TSX = 'node_modules/.bin/tsx';
const HOUR = 3600;

/** Runs a job CLI as a user would, with only the given settings in its environment. */
async function cli(script: string, args: string[], env: Record<string, string>) {
	const result = await run(TSX, [script, ...args], {
		cwd: process.cwd(),
		env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
		timeout: 60_000,
	}).catch((error: { stdout: string; stderr: string; code: number }) => error);
	return {
		stdout: result.stdout,
		stderr: result.stderr,
		code: 'code' in result ? result.code : 0,
	};
}

describe('the job CLIs', () => {
	let sandbox: StripeSandbox;
	let standIn: EventBridgeStandIn;

	beforeEach(async () => {
		sandbox = await startSandbox();
		standIn = await startEventBridgeStandIn();
	});
	afterEach(async () => {
		await sandbox.close();
		await standIn.close();
	});

	const stripeEnv = () => ({ STRIPE_SECRET_KEY: sandbox.secretKey, STRIPE_API_BASE: sandbox.url });

	it('reconcile --json prints exactly the events, and nothing else on stdout', async () => {
		const account = sandbox.state.createConnectedAccount({ country: 'JP' });
		const payout = sandbox.state.createAutomaticPayout({
			account: account.id,
			currency: 'jpy',
			arrival_date: sandbox.now() - HOUR,
			transactions: [{ type: 'charge', amount: 12_000, fee: 432 }],
		});
		const { stdout, code } = await cli(
			'functions/reconcilePayouts/cli.ts',
			['--json'],
			stripeEnv(),
		);

		expect(code).toBe(0);
		const events = JSON.parse(stdout) as Array<{
			detailType: string;
			detail: Record<string, unknown>;
		}>;
		expect(events.map((event) => event.detailType)).toEqual([
			'Payout Reconciled',
			'Reconciliation Completed',
		]);
		expect(events[0].detail).toMatchObject({
			account: account.id,
			payout: payout.id,
			amount: 11_568,
			currency: 'jpy',
		});
	});

	it('reconcile prints a readable report and the events when no bus is set', async () => {
		const account = sandbox.state.createConnectedAccount({ country: 'US' });
		sandbox.state.createAutomaticPayout({
			account: account.id,
			currency: 'usd',
			arrival_date: sandbox.now() - HOUR,
			amount: 123_456,
		});
		sandbox.state.createAutomaticPayout({
			account: account.id,
			currency: 'usd',
			arrival_date: sandbox.now() - HOUR,
			amount: 500,
			status: 'failed',
		});
		const { stdout, code } = await cli('functions/reconcilePayouts/cli.ts', [], stripeEnv());

		expect(code).toBe(0);
		expect(stdout).toMatch(/^Payout reconciliation {2}\d{4}-\d\d-\d\dT.* → /);
		expect(stdout).toContain('Accounts  1 of 1 reconciled');
		expect(stdout).toContain('Payouts   reconciled 1 · failed 1');
		expect(stdout).toContain('Events    3 printed (EVENT_BUS_NAME is not set)');
		expect(stdout).toMatch(/USD +reconciled 1,234\.56 USD +failed 5\.00 USD/);
		expect(stdout).toMatch(
			new RegExp(`Payout Failed +${account.id} +5\\.00 USD +po_\\w+ could_not_process`),
		);
		expect(stdout).not.toContain(sandbox.secretKey);
	});

	it('reconcile publishes to EVENT_BUS_NAME through AWS_ENDPOINT_URL_EVENTBRIDGE unless it is a dry run', async () => {
		const account = sandbox.state.createConnectedAccount({ country: 'US' });
		sandbox.state.createAutomaticPayout({
			account: account.id,
			currency: 'usd',
			arrival_date: sandbox.now() - HOUR,
		});
		const awsEnv = {
			...stripeEnv(),
			EVENT_BUS_NAME: 'cli-bus',
			...eventBridgeSettingsFor(standIn.url, 'AKIDCLITEST'),
		};
		const dry = await cli('functions/reconcilePayouts/cli.ts', ['--dry-run'], awsEnv);
		expect(dry.stdout).toContain('printed (dry run, nothing published)');
		expect(standIn.requests()).toHaveLength(0);

		const live = await cli('functions/reconcilePayouts/cli.ts', [], awsEnv);
		expect(live.code).toBe(0);
		expect(live.stdout).toContain('Events    2 published to cli-bus');
		expect(standIn.accepted().map((entry) => [entry.EventBusName, entry.DetailType])).toEqual([
			['cli-bus', 'Payout Reconciled'],
			['cli-bus', 'Reconciliation Completed'],
		]);
	});

	it('names a bad flag or setting and exits non-zero', async () => {
		const badFlag = await cli(
			'functions/reconcilePayouts/cli.ts',
			['--sinse', '2026-01-01'],
			stripeEnv(),
		);
		expect(badFlag.code).toBe(1);
		expect(badFlag.stderr).toMatch(/^reconcile: arguments: Unknown option '--sinse'/);
		const badSince = await cli(
			'functions/reconcilePayouts/cli.ts',
			['--since', 'monday'],
			stripeEnv(),
		);
		expect(badSince.stderr).toMatch(/^reconcile: since: "monday" is not an ISO 8601/);
		const badKey = await cli('functions/transferTips/cli.ts', [], {
			STRIPE_SECRET_KEY: 'pk_test_123456789012',
		});
		expect(badKey.code).toBe(1);
		expect(badKey.stderr).toMatch(/^tips: STRIPE_SECRET_KEY: This is a publishable key/);
		expect(badKey.stderr).not.toContain('pk_test_123456789012');
		const badPeriod = await cli(
			'functions/transferTips/cli.ts',
			['--period', '2026-46'],
			stripeEnv(),
		);
		expect(badPeriod.stderr).toMatch(/^tips: period: "2026-46" is not an ISO week/);
	});

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
		const { stdout, code } = await cli(
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
});
