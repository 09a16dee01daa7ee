import { describe, expect, it } from 'vitest';

import { previousPayPeriod } from '../../../functions/transferTips/period';
import type { StripeSandbox } from '../../../stripe-sandbox';
import type { EventBridgeStandIn } from '../../support/eventBridgeStandIn';
import { useLambdaHandlerRig } from '../../support/lambdaEnvironment';
import { TipScenario } from '../../support/tipScenarios';

const context = { getRemainingTimeInMillis: () => 600_000 };

describe('the tip transfer Lambda handler', () => {
	let sandbox: StripeSandbox;
	let standIn: EventBridgeStandIn;
	let output: string[];

	useLambdaHandlerRig(
		(started) => ({
			STRIPE_SECRET_KEY: started.secretKey,
			STRIPE_API_BASE: started.url,
			EVENT_BUS_NAME: 'tips-bus',
		}),
		'AKIDTIPSTEST',
		(rig) => {
			({ sandbox, standIn } = rig);
			output = rig.lambda.output;
		},
	);

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
