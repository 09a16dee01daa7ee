/**
 * Worker process: imports a Lambda handler module (its configuration comes from this process's
 * environment, as in Lambda) and invokes it once with a Lambda-like context.
 */
import { performance } from 'node:perf_hooks';

import { serveWorker } from '../lib/freshProcess';

/** What to invoke. */
export interface InvokeHandlerInput {
	/** Absolute path of the handler module (TypeScript source, run by tsx). */
	modulePath: string;
	event: unknown;
	/** The Lambda timeout the context reports. */
	timeoutMs: number;
}

/** The handler's result and the invocation's duration (module loading excluded, as Lambda's init is). */
export interface InvokeHandlerOutput {
	result: unknown;
	durationMs: number;
}

type Handler = (
	event: unknown,
	context: { getRemainingTimeInMillis(): number },
) => Promise<unknown>;

serveWorker<InvokeHandlerInput, InvokeHandlerOutput>(async (input, sampler) => {
	const module = (await import(input.modulePath)) as { handler?: Handler };
	if (typeof module.handler !== 'function') {
		throw new Error(`${input.modulePath} does not export a handler function`);
	}
	const started = performance.now();
	const deadline = started + input.timeoutMs;
	const result = await module.handler(input.event, {
		getRemainingTimeInMillis: () => Math.max(0, Math.round(deadline - performance.now())),
	});
	const durationMs = performance.now() - started;
	sampler.sample();
	return { result, durationMs };
});
