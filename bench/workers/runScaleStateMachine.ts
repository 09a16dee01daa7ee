/**
 * Worker process: runs one execution of the packaged scale-mode state machine, every Lambda task bound
 * to the real handler in this process (each handler module loaded with its function's environment
 * from the template, as its cold start would), against the sandbox and the EventBridge stand-in of
 * the parent process.
 */
import { readFile } from 'node:fs/promises';

import type { Template } from '../../test/serverless/stack';
import {
	loadHandlers,
	localFunctionEnvironment,
	packagedStateMachine,
	runExecution,
	type LocalEndpoints,
} from '../../test/support/scaleStateMachine';
import { serveWorker } from '../lib/freshProcess';

/** What to run. */
export interface ScaleStateMachineInput {
	/** The CloudFormation template `npm run package` wrote. */
	templatePath: string;
	repositoryRoot: string;
	endpoints: LocalEndpoints;
	/** The execution input; the schedule's own input when undefined. */
	input?: unknown;
}

/** How the execution ended and what it cost. */
export interface ScaleStateMachineOutput {
	status: 'SUCCEEDED' | 'FAILED';
	output: unknown;
	error?: { Error: string; Cause: string };
	durationMs: number;
	workerInvocations: number;
	peakWorkers: number;
	maxConcurrency: number;
}

serveWorker<ScaleStateMachineInput, ScaleStateMachineOutput>(async (input) => {
	const template = JSON.parse(await readFile(input.templatePath, 'utf8')) as Template;
	const machine = packagedStateMachine(template, input.repositoryRoot);
	const handlers = await loadHandlers(machine, (packaged) =>
		localFunctionEnvironment(packaged, input.endpoints, { POWERTOOLS_LOG_LEVEL: 'INFO' }),
	);
	const outcome = await runExecution(machine, handlers, {
		input: input.input ?? machine.scheduleInput,
		name: `bench-${Date.now()}`,
	});
	const worker = [...machine.functions.values()].find((fn) =>
		fn.functionName.endsWith('-reconcilePayoutsWorker'),
	);
	return {
		status: outcome.status,
		output: outcome.output,
		error: outcome.error,
		durationMs: outcome.durationMs,
		workerInvocations: outcome.invocations.filter(
			(invocation) => invocation.functionName === worker?.functionName,
		).length,
		peakWorkers: outcome.peakConcurrency.get(worker?.functionName ?? '') ?? 0,
		maxConcurrency: (machine.definition.States.ReconcileBatches as { MaxConcurrency: number })
			.MaxConcurrency,
	};
});
