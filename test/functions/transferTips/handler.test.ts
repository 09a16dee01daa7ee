import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { previousPayPeriod } from '../../../functions/transferTips/period';
import { startSandbox, type StripeSandbox } from '../../../stripe-sandbox';
import { startEventBridgeStandIn, type EventBridgeStandIn } from '../../support/eventBridgeStandIn';
import { TipScenario } from '../../support/tipScenarios';

const context = { getRemainingTimeInMillis: () => 600_000 };

describe('the tip transfer Lambda handler', () => {
	let sandbox: StripeSandbox;
	let standIn: EventBridgeStandIn;
	let savedEnv: NodeJS.ProcessEnv;
	let output: string[];

	beforeEach(async () => {
		sandbox = await startSandbox();
		standIn = await startEventBridgeStandIn();
		savedEnv = { ...process.env };
		for (const name of Object.keys(process.env)) {
			if (/^(STRIPE_|TIPS_|EVENT_BUS|AWS_|POWERTOOLS_)/.test(name)) delete process.env[name];
		}
		Object.assign(process.env, {
			STRIPE_SECRET_KEY: sandbox.secretKey,
			STRIPE_API_BASE: sandbox.url,
			EVENT_BUS_NAME: 'tips-bus',
			AWS_ENDPOINT_URL_EVENTBRIDGE: standIn.url,
			AWS_REGION: 'eu-west-1',
			AWS_ACCESS_KEY_ID: 'AKIDTIPSTEST',
			AWS_SECRET_ACCESS_KEY: 'tips-test-secret',
		});
		output = [];
		const capture = (...args: unknown[]) => void output.push(args.map(String).join(' '));
		vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
			output.push(String(chunk));
			return true;
		});
		for (const method of ['info', 'log', 'warn', 'error'] as const) {
			vi.spyOn(console, method).mockImplementation(capture);
		}
		vi.resetModules();
	});

	afterEach(async () => {
		vi.restoreAllMocks();
		process.env = savedEnv;
		await sandbox.close();
		await standIn.close();
	});

	it('pays the period’s tips once and publishes the results to the bus', async () => {
		const alice = sandbox.state.createConnectedAccount({ country: 'DE' });
		await new TipScenario(sandbox).pay([
			{ amount: 4_000, currency: 'eur', tip: 400, recipient: alice.id },
		]);
		sandbox.state.fundBalance({ currency: 'eur', amount: 10_000 });
		const period = previousPayPeriod(sandbox.now() + 7 * 86_400, 'UTC').id;
		const { handler } = await import('../../../functions/transferTips/handler');

		const summary = await handler({ period }, context);
		expect(summary.counts).toMatchObject({ created: 1, failed: 0 });
		expect(
			standIn
				.accepted()
				.map((entry) => [entry.DetailType, entry.detail.account, entry.detail.amount]),
		).toEqual([
			['Tip Transfer Created', alice.id, 400],
			['Tip Batch Completed', null, null],
		]);

		const again = await handler({ period }, context);
		expect(again.counts).toMatchObject({ created: 0, alreadyTransferred: 1 });
		expect(sandbox.requests({ method: 'POST', path: '/v1/transfers' })).toHaveLength(1);
		expect(output.join('')).toContain('"TipTransfersCreated"');
		expect(output.join('')).not.toContain(sandbox.secretKey);
	});

	it('plans without moving money when invoked as a dry run', async () => {
		const alice = sandbox.state.createConnectedAccount({ country: 'US' });
		await new TipScenario(sandbox).pay([
			{ amount: 4_000, currency: 'usd', tip: 400, recipient: alice.id },
		]);
		const period = previousPayPeriod(sandbox.now() + 7 * 86_400, 'UTC').id;
		const { handler } = await import('../../../functions/transferTips/handler');

		const summary = await handler({ period, dryRun: true }, context);
		expect(summary.counts.planned).toBe(1);
		expect(standIn.accepted().map((entry) => entry.DetailType)).toEqual([
			'Tip Transfer Planned',
			'Tip Batch Completed',
		]);
		expect(sandbox.requests({ method: 'POST', path: '/v1/transfers' })).toHaveLength(0);
	});

	it('fails at start naming a malformed setting', async () => {
		process.env.TIPS_TIME_ZONE = 'Europe/Atlantis';
		await expect(import('../../../functions/transferTips/handler')).rejects.toThrow(
			/^TIPS_TIME_ZONE: "Europe\/Atlantis" is not an IANA time zone/,
		);
	});

	it('names a malformed period before any money moves', async () => {
		const { handler } = await import('../../../functions/transferTips/handler');
		await expect(handler({ period: '2026-W60' }, context)).rejects.toThrow(
			/^period: "2026-W60" is not an ISO week/,
		);
		expect(sandbox.requests()).toHaveLength(0);
	});
});
