// The scale-mode Lambdas exactly as deployed (module-scope config from the environment), against a
// Stripe sandbox and an EventBridge stand-in with the real SDKs. Each suite gets its own pair.
import { afterAll, beforeAll, vi } from 'vitest';

import type {
	BatchResult,
	ReconciliationPlan,
} from '../../functions/reconcilePayouts/scale/batches';
import { startSandbox, type StripeSandbox } from '../../stripe-sandbox';
import { startEventBridgeStandIn, type EventBridgeStandIn } from './eventBridgeStandIn';
import { eventBridgeSettingsFor } from './lambdaEnvironment';

/** The three scale-mode handler modules. */
export type ScaleLambdas = {
	planner: typeof import('../../functions/reconcilePayouts/scale/planner');
	worker: typeof import('../../functions/reconcilePayouts/scale/worker');
	summary: typeof import('../../functions/reconcilePayouts/scale/summary');
};

/** What a scale suite runs against. */
export interface ScaleRig {
	sandbox: StripeSandbox;
	standIn: EventBridgeStandIn;
	lambdas: ScaleLambdas;
}

/** A Lambda context with ten minutes left. */
export const lambdaContext = { getRemainingTimeInMillis: () => 600_000 };

/**
 * Registers beforeAll/afterAll hooks that start a sandbox at `now` and a stand-in, set the scale
 * Lambdas' environment (`settings` on top of the defaults below) and import the handlers fresh.
 * Returns a getter for the rig, available inside tests and later hooks.
 */
export function useScaleLambdas(
	now: number,
	settings: Record<string, string> = {},
): () => ScaleRig {
	let rig: ScaleRig | undefined;
	const savedEnvironment = { ...process.env };
	beforeAll(async () => {
		const sandbox = await startSandbox({ now });
		const standIn = await startEventBridgeStandIn();
		Object.assign(process.env, {
			STRIPE_SECRET_KEY: sandbox.secretKey,
			STRIPE_API_BASE: sandbox.url,
			STRIPE_REQUESTS_PER_SECOND: '1000',
			EVENT_BUS_NAME: 'stripe-connect-jobs-test',
			SCALE_BATCH_SIZE: '2',
			PAYOUT_OVERDUE_GRACE_HOURS: '48',
			...eventBridgeSettingsFor(standIn.url, 'AKIDSTANDIN'),
			POWERTOOLS_LOG_LEVEL: 'SILENT',
			POWERTOOLS_METRICS_DISABLED: 'true',
			...settings,
		});
		delete process.env.STRIPE_SECRET_KEY_PARAMETER;
		vi.resetModules();
		rig = {
			sandbox,
			standIn,
			lambdas: {
				planner: await import('../../functions/reconcilePayouts/scale/planner'),
				worker: await import('../../functions/reconcilePayouts/scale/worker'),
				summary: await import('../../functions/reconcilePayouts/scale/summary'),
			},
		};
	});
	afterAll(async () => {
		process.env = savedEnvironment;
		await rig?.sandbox.close();
		await rig?.standIn.close();
		rig = undefined;
	});
	return () => {
		if (rig === undefined) throw new Error('The scale rig is only available inside tests.');
		return rig;
	};
}

const HOUR = 3600;
const DAY = 24 * HOUR;

/**
 * Five connected accounts: a failed, a mismatched, a reconciled and an overdue payout (in that
 * order), and one without payouts. Returns the accounts' ids in creation order.
 */
export function seedScalePlatform(sandbox: StripeSandbox, now: number): string[] {
	const accounts = Array.from(
		{ length: 5 },
		() => sandbox.state.createConnectedAccount({ country: 'US' }).id,
	);
	sandbox.state.createAutomaticPayout({
		account: accounts[0],
		currency: 'usd',
		arrival_date: now - 4 * HOUR,
		amount: 7_500,
		status: 'failed',
		failure_code: 'account_closed',
	});
	sandbox.state.createAutomaticPayout({
		account: accounts[1],
		currency: 'usd',
		arrival_date: now - 5 * HOUR,
		transactions: [{ type: 'charge', amount: 4_000, fee: 146 }],
		mismatchBy: 150,
	});
	sandbox.state.createAutomaticPayout({
		account: accounts[2],
		currency: 'usd',
		arrival_date: now - 6 * HOUR,
		transactions: [{ type: 'charge', amount: 12_000, fee: 378 }],
	});
	sandbox.state.createAutomaticPayout({
		account: accounts[3],
		currency: 'usd',
		created: now - 5 * DAY,
		arrival_date: now - 3 * DAY,
		amount: 2_500,
		status: 'in_transit',
	});
	return accounts;
}

/** Runs the worker once per planned batch, one after another, as the map would. */
export async function runScaleWorkers(
	lambdas: ScaleLambdas,
	plan: ReconciliationPlan,
): Promise<BatchResult[]> {
	const results: BatchResult[] = [];
	for (const [batchIndex, batch] of plan.batches.entries()) {
		results.push(
			await lambdas.worker.handler(
				{ runId: plan.runId, batchIndex, batch, window: plan.window, now: plan.now },
				lambdaContext,
			),
		);
	}
	return results;
}
