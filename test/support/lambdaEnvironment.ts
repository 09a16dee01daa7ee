import { afterEach, beforeEach, vi } from 'vitest';

import { startSandbox, type StripeSandbox } from '../../stripe-sandbox';
import { eventBridgeSettingsFor } from './eventBridgeClient';
import { startEventBridgeStandIn, type EventBridgeStandIn } from './eventBridgeStandIn';

/** Every setting a job reads, so a suite starts from none of the developer's own. */
const JOB_SETTING = /^(STRIPE_|RECONCILE_|PAYOUT_|TIPS_|EVENT_BUS|AWS_|POWERTOOLS_)/;

/** A Lambda environment entered by a test; restore() in afterEach. */
export interface LambdaEnvironment {
	/** Everything the handler wrote to stdout, stderr or the console (Powertools logs and EMF metrics). */
	output: string[];
	restore(): void;
}

/**
 * Sets up what a deployed handler sees: only `settings` among the job settings, a fresh module
 * registry (so the next import reads them at module scope, as a cold start does), and its output
 * captured instead of printed.
 */
export function enterLambdaEnvironment(settings: Record<string, string>): LambdaEnvironment {
	const savedEnv = { ...process.env };
	for (const name of Object.keys(process.env)) {
		if (JOB_SETTING.test(name)) delete process.env[name];
	}
	Object.assign(process.env, settings);
	const output: string[] = [];
	const captureWrite = (chunk: unknown) => {
		output.push(String(chunk));
		return true;
	};
	vi.spyOn(process.stdout, 'write').mockImplementation(captureWrite);
	vi.spyOn(process.stderr, 'write').mockImplementation(captureWrite);
	for (const method of ['info', 'log', 'warn', 'error'] as const) {
		vi.spyOn(console, method).mockImplementation((...args) => void output.push(args.join(' ')));
	}
	vi.resetModules();
	return {
		output,
		restore() {
			vi.restoreAllMocks();
			process.env = savedEnv;
		},
	};
}

/** What a handler suite runs against: a fresh sandbox, an EventBridge stand-in and a Lambda environment. */
export interface LambdaHandlerRig {
	sandbox: StripeSandbox;
	standIn: EventBridgeStandIn;
	lambda: LambdaEnvironment;
}

/**
 * Registers the suite's hooks: before each test a fresh sandbox and stand-in, and a Lambda environment
 * holding `settings(sandbox)` plus the stand-in's AWS settings signed as `accessKeyId`; after each test all
 * three are torn down. `onReady` receives them for the suite's own variables.
 */
export function useLambdaHandlerRig(
	settings: (sandbox: StripeSandbox) => Record<string, string>,
	accessKeyId: string,
	onReady: (rig: LambdaHandlerRig) => void,
): void {
	let rig: LambdaHandlerRig | undefined;
	beforeEach(async () => {
		const sandbox = await startSandbox();
		const standIn = await startEventBridgeStandIn();
		const lambda = enterLambdaEnvironment({
			...settings(sandbox),
			...eventBridgeSettingsFor(standIn.url, accessKeyId),
		});
		rig = { sandbox, standIn, lambda };
		onReady(rig);
	});
	afterEach(async () => {
		rig?.lambda.restore();
		await rig?.sandbox.close();
		await rig?.standIn.close();
		rig = undefined;
	});
}
