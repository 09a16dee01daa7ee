import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { startSandbox, type StripeSandbox } from '../../../stripe-sandbox';
import { startEventBridgeStandIn, type EventBridgeStandIn } from '../../support/eventBridgeStandIn';
import { eventBridgeSettingsFor } from '../../support/eventBridgeClient';
import { runJobCli } from '../../support/jobCli';

const HOUR = 3600;

describe('the reconcile CLI', () => {
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
		const { stdout, code } = await runJobCli(
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
		const { stdout, code } = await runJobCli('functions/reconcilePayouts/cli.ts', [], stripeEnv());

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
		const dry = await runJobCli('functions/reconcilePayouts/cli.ts', ['--dry-run'], awsEnv);
		expect(dry.stdout).toContain('printed (dry run, nothing published)');
		expect(standIn.requests()).toHaveLength(0);

		const live = await runJobCli('functions/reconcilePayouts/cli.ts', [], awsEnv);
		expect(live.code).toBe(0);
		expect(live.stdout).toContain('Events    2 published to cli-bus');
		expect(standIn.accepted().map((entry) => [entry.EventBusName, entry.DetailType])).toEqual([
			['cli-bus', 'Payout Reconciled'],
			['cli-bus', 'Reconciliation Completed'],
		]);
	});

	it('names a bad flag or setting and exits non-zero', async () => {
		const badFlag = await runJobCli(
			'functions/reconcilePayouts/cli.ts',
			['--sinse', '2026-01-01'],
			stripeEnv(),
		);
		expect(badFlag.code).toBe(1);
		expect(badFlag.stderr).toMatch(/^reconcile: arguments: Unknown option '--sinse'/);
		const badSince = await runJobCli(
			'functions/reconcilePayouts/cli.ts',
			['--since', 'monday'],
			stripeEnv(),
		);
		expect(badSince.stderr).toMatch(/^reconcile: since: "monday" is not an ISO 8601/);
	});
});

/**
 * `npm run reconcile` with no Stripe key, as a newcomer runs it: the job reconciles a freshly seeded
 * demo marketplace over its default window and prints the report and one line per event.
 */
describe('npm run reconcile on the demo marketplace', () => {
	let stdout: string;

	beforeAll(async () => {
		// Only PATH and HOME: no STRIPE_SECRET_KEY and no EVENT_BUS_NAME, as on a fresh clone.
		({ stdout } = await runJobCli('functions/reconcilePayouts/cli.ts', [], {}));
	});

	it('reconciles most payouts of the default window, beside the four problems', () => {
		expect(stdout).toContain('Accounts  30 of 30 reconciled');
		expect(stdout).toContain(
			'Payouts   reconciled 23 · mismatch 1 · failed 1 · overdue 1 · not reconcilable 1',
		);
		const eventTypes = [...stdout.matchAll(/^(Payout [A-Z][a-z]+(?: [A-Z][a-z]+)?) +acct_/gm)].map(
			(match) => match[1],
		);
		expect(eventTypes.filter((type) => type === 'Payout Reconciled')).toHaveLength(23);
		expect(eventTypes.filter((type) => type !== 'Payout Reconciled').sort()).toEqual([
			'Payout Failed',
			'Payout Mismatch',
			'Payout Not Reconcilable',
			'Payout Overdue',
		]);
	});

	it("shows a mismatch's difference and what its balance transactions add up to", () => {
		expect(stdout).toMatch(
			/^Payout Mismatch +acct_\w+ +195\.47 EUR +po_\w+ difference -1\.37 EUR \(balance transactions 194\.10 EUR\)$/m,
		);
	});
});
