// Runs the scale-mode state machine exactly as `npm run package` writes it into the CloudFormation
// template (its Fn::Sub resolved), with the local Amazon States Language interpreter
// aws-local-stepfunctions. Every `arn:aws:states:::lambda:invoke` task calls the real handler module
// of the function it names, in this process, with that function's environment from the template
// (pointed at local servers) and a Lambda context carrying its timeout. Used by the suite and by
// `npm run bench`. What the interpreter does not do of Step Functions is in docs/deploy.md.
// Reading the template is in packagedStateMachine.ts, the handlers' environment and import in
// lambdaHandlers.ts, the sandbox's request rate in requestRate.ts; they are re-exported here.
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';

import { ExecutionError, StateMachine } from 'aws-local-stepfunctions';

import { PSEUDO_PARAMETERS } from '../serverless/stack';
import type { LambdaContext, LambdaHandler } from './lambdaHandlers';
import type { PackagedFunction, PackagedStateMachine } from './packagedStateMachine';

export { loadHandlers, localFunctionEnvironment } from './lambdaHandlers';
export type { LambdaContext, LambdaHandler, LocalEndpoints } from './lambdaHandlers';
export { packagedStateMachine, validationErrors } from './packagedStateMachine';
export type { PackagedFunction, PackagedStateMachine } from './packagedStateMachine';
export { watchRequestRate } from './requestRate';
export type { RequestRate } from './requestRate';

/** Step Functions' limit on the data one state hands the next (input, result or output). */
export const STATE_DATA_LIMIT_BYTES = 256 * 1024;

/** One invocation of a function by the state machine. */
export interface InvocationRecord {
	functionName: string;
	event: unknown;
	result?: unknown;
	error?: { errorType: string; errorMessage: string };
	startedMs: number;
	endedMs: number;
}

/** What a test may do around invocations. */
export interface InvocationHooks {
	/**
	 * Runs before the handler. Throwing an error named like a Lambda service error (for example
	 * `Lambda.TooManyRequestsException`) stands for Lambda failing to run the function.
	 */
	beforeInvoke?(packaged: PackagedFunction, event: unknown): void | Promise<void>;
}

/** How an execution ended. */
export interface ExecutionOutcome {
	status: 'SUCCEEDED' | 'FAILED';
	output?: unknown;
	error?: { Error: string; Cause: string };
	invocations: InvocationRecord[];
	/** The most invocations of each function running at once. */
	peakConcurrency: Map<string, number>;
	durationMs: number;
}

/** Options of an execution. */
export interface ExecutionOptions {
	input: unknown;
	/** The execution's name ($$.Execution.Name), the run id. */
	name: string;
	hooks?: InvocationHooks;
	/** Milliseconds every Wait state waits instead of its own duration (the retry backoff). */
	waitMs?: number;
	/** Milliseconds every Retry waits instead of its own interval. */
	retryIntervalMs?: number;
}

/** A task failure as Step Functions names it: Error = the function's errorType, Cause = its error JSON. */
class TaskFailure extends Error {
	isRetryable?: boolean;
	isCatchable?: boolean;

	constructor(name: string, cause: string) {
		super(cause);
		this.name = name;
	}
}

/** Step Functions' terminal error for state data over its limit: neither retried nor caught. */
function dataLimitExceeded(what: string): TaskFailure {
	const failure = new TaskFailure(
		'States.DataLimitExceeded',
		`${what} is larger than Step Functions' ${STATE_DATA_LIMIT_BYTES} bytes.`,
	);
	failure.isRetryable = false;
	failure.isCatchable = false;
	return failure;
}

function taskStateNames(states: Record<string, Record<string, unknown>>): string[] {
	return Object.entries(states).flatMap(([name, state]) => {
		const processor = (state.ItemProcessor ?? state.Iterator) as
			| { States: Record<string, Record<string, unknown>> }
			| undefined;
		if (processor !== undefined) return taskStateNames(processor.States);
		return state.Type === 'Task' ? [name] : [];
	});
}

function stateNamesOfType(states: Record<string, Record<string, unknown>>, type: string): string[] {
	return Object.entries(states).flatMap(([name, state]) => {
		const processor = state.ItemProcessor as
			| { States: Record<string, Record<string, unknown>> }
			| undefined;
		const nested = processor === undefined ? [] : stateNamesOfType(processor.States, type);
		return state.Type === type ? [name, ...nested] : nested;
	});
}

/**
 * Runs one execution of the packaged state machine. Each Lambda task is the `lambda:invoke`
 * integration: the handler gets a JSON copy of `Payload` and a context with the function's timeout,
 * and the task's result is `{ ExecutedVersion, Payload, StatusCode, … }`; a handler's error becomes
 * the task's error named by its errorType, as Step Functions reports it.
 */
export async function runExecution(
	machine: PackagedStateMachine,
	handlers: Map<string, LambdaHandler>,
	options: ExecutionOptions,
): Promise<ExecutionOutcome> {
	const invocations: InvocationRecord[] = [];
	const running = new Map<string, number>();
	const peakConcurrency = new Map<string, number>();
	const started = performance.now();

	const invoke = async (request: unknown): Promise<never> => {
		const { FunctionName, Payload } = request as { FunctionName: string; Payload?: unknown };
		const packaged = machine.functions.get(FunctionName);
		const handler = handlers.get(FunctionName);
		if (packaged === undefined || handler === undefined) {
			throw new TaskFailure(
				'Lambda.ResourceNotFoundException',
				`Function not found: ${FunctionName}`,
			);
		}
		const serialized = JSON.stringify(Payload ?? null);
		if (serialized.length > STATE_DATA_LIMIT_BYTES) {
			throw dataLimitExceeded(`The input of ${packaged.functionName}`);
		}
		const event = JSON.parse(serialized) as unknown;
		await options.hooks?.beforeInvoke?.(packaged, event);
		const record: InvocationRecord = {
			functionName: packaged.functionName,
			event,
			startedMs: performance.now() - started,
			endedMs: 0,
		};
		invocations.push(record);
		const deadline = performance.now() + packaged.timeoutSeconds * 1000;
		const awsRequestId = randomUUID();
		const context: LambdaContext = {
			functionName: packaged.functionName,
			functionVersion: '$LATEST',
			invokedFunctionArn: packaged.arn,
			memoryLimitInMB: String(packaged.memorySize),
			awsRequestId,
			logGroupName: `/aws/lambda/${packaged.functionName}`,
			logStreamName: `local/${awsRequestId}`,
			callbackWaitsForEmptyEventLoop: true,
			getRemainingTimeInMillis: () => Math.max(0, Math.round(deadline - performance.now())),
		};
		const now = (running.get(packaged.functionName) ?? 0) + 1;
		running.set(packaged.functionName, now);
		peakConcurrency.set(
			packaged.functionName,
			Math.max(now, peakConcurrency.get(packaged.functionName) ?? 0),
		);
		try {
			const result = JSON.parse(JSON.stringify((await handler(event, context)) ?? null)) as unknown;
			record.result = result;
			const response = {
				ExecutedVersion: '$LATEST',
				Payload: result,
				SdkHttpMetadata: { HttpStatusCode: 200 },
				SdkResponseMetadata: { RequestId: awsRequestId },
				StatusCode: 200,
			};
			if (JSON.stringify(response).length > STATE_DATA_LIMIT_BYTES) {
				throw dataLimitExceeded(`The result of ${packaged.functionName}`);
			}
			return response as never;
		} catch (error) {
			if (error instanceof TaskFailure) throw error;
			const errorType = error instanceof Error ? error.name : 'Error';
			const errorMessage = error instanceof Error ? error.message : String(error);
			record.error = { errorType, errorMessage };
			const trace = error instanceof Error ? (error.stack ?? '').split('\n') : [];
			throw new TaskFailure(errorType, JSON.stringify({ errorType, errorMessage, trace }));
		} finally {
			record.endedMs = performance.now() - started;
			running.set(packaged.functionName, (running.get(packaged.functionName) ?? 1) - 1);
		}
	};

	const states = machine.definition.States as unknown as Record<string, Record<string, unknown>>;
	const stateMachine = new StateMachine(machine.definition, {
		validationOptions: { checkPaths: true, checkArn: true },
	});
	const execution = stateMachine.run(options.input as never, {
		overrides: {
			taskResourceLocalHandlers: Object.fromEntries(
				taskStateNames(states).map((name) => [name, invoke]),
			),
			...(options.waitMs === undefined
				? {}
				: {
						waitTimeOverrides: Object.fromEntries(
							stateNamesOfType(states, 'Wait').map((name) => [name, options.waitMs as number]),
						),
					}),
			...(options.retryIntervalMs === undefined
				? {}
				: {
						retryIntervalOverrides: Object.fromEntries(
							taskStateNames(states).map((name) => [name, options.retryIntervalMs as number]),
						),
					}),
		},
		context: {
			Execution: {
				Id: `arn:aws:states:${PSEUDO_PARAMETERS['AWS::Region']}:${PSEUDO_PARAMETERS['AWS::AccountId']}:execution:${machine.name}:${options.name}`,
				Name: options.name,
			},
			StateMachine: { Name: machine.name },
		},
	});
	try {
		const output = await execution.result;
		return {
			status: 'SUCCEEDED',
			output,
			invocations,
			peakConcurrency,
			durationMs: performance.now() - started,
		};
	} catch (error) {
		if (!(error instanceof ExecutionError)) throw error;
		const cause = error.cause as Error | undefined;
		return {
			status: 'FAILED',
			error: { Error: cause?.name ?? 'Error', Cause: cause?.message ?? error.message },
			invocations,
			peakConcurrency,
			durationMs: performance.now() - started,
		};
	}
}
