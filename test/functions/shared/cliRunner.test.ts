import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { executeJobCli, type JobCli } from '../../../functions/shared/cliRunner';
import { readCommonConfig, type CommonJobConfig } from '../../../functions/shared/config';
import type { JobEvent } from '../../../functions/shared/jobEvents';
import { startSandbox, type StripeSandbox } from '../../../stripe-sandbox';
import { startEventBridgeStandIn, type EventBridgeStandIn } from '../../support/eventBridgeStandIn';
import {
	enterLambdaEnvironment,
	eventBridgeSettingsFor,
	type LambdaEnvironment,
} from '../../support/lambdaEnvironment';

interface CountResult {
	accounts: number;
	published: JobEvent[];
}

/** A job that counts the platform's connected accounts and publishes one event: a dollar per account. */
const countAccounts: JobCli<CommonJobConfig, CountResult> = {
	command: 'count',
	serviceName: 'count-accounts',
	usage: 'Usage: count [--label TEXT] [--dry-run] [--json]',
	stringOptions: ['label'],
	readConfig: readCommonConfig,
	dryRunNote: ' (dry run)',
	run: async ({ flags, stripe, budget, sink }) => {
		const page = await budget.call('accounts.list', () => stripe.accounts.list({ limit: 100 }));
		const published: JobEvent[] = [
			{
				source: 'test.count',
				detailType: 'Accounts Counted',
				detail: {
					eventKey: `count:${flags.values.label ?? 'all'}`,
					account: null,
					payout: null,
					amount: page.data.length * 100,
					currency: 'usd',
					reason: flags.values.label,
				},
			},
		];
		await sink.publish(published);
		return { accounts: page.data.length, published };
	},
	formatReport: (result, destination) =>
		`Counted ${result.accounts} accounts; events ${destination}`,
};

describe('the job CLI runner', () => {
	let sandbox: StripeSandbox;
	let standIn: EventBridgeStandIn;
	let terminal: LambdaEnvironment;
	const stdout = () => terminal.output.join('');

	beforeEach(async () => {
		sandbox = await startSandbox();
		standIn = await startEventBridgeStandIn();
		sandbox.state.createConnectedAccount({ country: 'US' });
		sandbox.state.createConnectedAccount({ country: 'DE' });
	});
	afterEach(async () => {
		terminal.restore();
		await sandbox.close();
		await standIn.close();
	});

	const withStripe = (settings: Record<string, string> = {}) => {
		terminal = enterLambdaEnvironment({
			STRIPE_SECRET_KEY: sandbox.secretKey,
			STRIPE_API_BASE: sandbox.url,
			...settings,
		});
	};

	it('prints the usage for --help without reading any setting', async () => {
		terminal = enterLambdaEnvironment({ STRIPE_API_BASE: 'not a url' });
		await expect(executeJobCli(countAccounts, ['--help'])).resolves.toBe(0);
		expect(stdout()).toBe('Usage: count [--label TEXT] [--dry-run] [--json]\n');
	});

	it('names an unknown flag before calling Stripe', async () => {
		withStripe();
		await expect(executeJobCli(countAccounts, ['--lable', 'x'])).rejects.toThrow(
			/^arguments: Unknown option '--lable'[\s\S]*Run with --help for usage\.$/,
		);
		expect(sandbox.requests()).toHaveLength(0);
	});

	it('prints the report and then the events when no bus is set', async () => {
		withStripe();
		await expect(executeJobCli(countAccounts, ['--label', 'weekly'])).resolves.toBe(0);
		expect(stdout()).toMatch(
			/^Counted 2 accounts; events printed \(EVENT_BUS_NAME is not set\)\n\nAccounts Counted {4}2\.00 USD {2}weekly\n$/,
		);
		expect(sandbox.requests()[0].headers.authorization).toBe(`Bearer ${sandbox.secretKey}`);
		expect(standIn.requests()).toHaveLength(0);
	});

	it('publishes to EVENT_BUS_NAME, and only prints on --dry-run with the job’s note', async () => {
		withStripe({
			EVENT_BUS_NAME: 'runner-bus',
			...eventBridgeSettingsFor(standIn.url, 'AKIDRUNNERTEST'),
		});
		await expect(executeJobCli(countAccounts, ['--dry-run'])).resolves.toBe(0);
		expect(stdout()).toContain('Counted 2 accounts; events printed (dry run)\n');
		expect(standIn.requests()).toHaveLength(0);

		terminal.output.length = 0;
		await expect(executeJobCli(countAccounts, [])).resolves.toBe(0);
		expect(stdout()).toContain('Counted 2 accounts; events published to runner-bus\n');
		expect(stdout()).not.toContain('Accounts Counted');
		expect(standIn.accepted().map((entry) => [entry.EventBusName, entry.DetailType])).toEqual([
			['runner-bus', 'Accounts Counted'],
		]);
	});

	it('prints exactly the events as JSON with --json', async () => {
		withStripe();
		await expect(executeJobCli(countAccounts, ['--json'])).resolves.toBe(0);
		expect(JSON.parse(stdout())).toEqual([
			{
				source: 'test.count',
				detailType: 'Accounts Counted',
				detail: {
					eventKey: 'count:all',
					account: null,
					payout: null,
					amount: 200,
					currency: 'usd',
				},
			},
		]);
	});

	it('runs against a freshly seeded sandbox without a key, and closes it afterwards', async () => {
		terminal = enterLambdaEnvironment({});
		await expect(executeJobCli(countAccounts, ['--json'])).resolves.toBe(0);
		const notice = /^No STRIPE_SECRET_KEY: using a freshly seeded sandbox at (\S+)\n/.exec(
			stdout(),
		);
		expect(notice?.[1]).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
		const [event] = JSON.parse(stdout().slice(stdout().indexOf('[\n'))) as JobEvent[];
		expect(event.detail.amount).toBeGreaterThan(200);
		await expect(fetch(`${notice?.[1]}/v1/accounts`)).rejects.toThrow();
	});
});
