// Runs the scale-mode state machine exactly as `npm run package` writes it into the CloudFormation
// template (its Fn::Sub resolved), with the local Amazon States Language interpreter
// aws-local-stepfunctions. Every `arn:aws:states:::lambda:invoke` task calls the real handler module
// of the function it names, in this process, with that function's environment from the template
// (pointed at local servers) and a Lambda context carrying its timeout. Used by the suite and by
// `npm run bench`. What the interpreter does not do of Step Functions is in docs/deploy.md.
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

import { ExecutionError, StateMachine, type StateMachineDefinition } from 'aws-local-stepfunctions';

import { PSEUDO_PARAMETERS, resolveIntrinsics, type Template } from '../serverless/stack';
import { eventBridgeSettingsFor } from './eventBridgeClient';

/** asl-validator 4.0.0 (CommonJS, without type declarations). */
const aslValidator = createRequire(__filename)('asl-validator') as (
	definition: unknown,
	options?: { checkPaths?: boolean; checkArn?: boolean },
) => { isValid: boolean; errors: unknown[] };

/** Step Functions' limit on the data one state hands the next (input, result or output). */
export const STATE_DATA_LIMIT_BYTES = 256 * 1024;

/** A Lambda function of the template that the state machine invokes. */
export interface PackagedFunction {
	logicalId: string;
	functionName: string;
	arn: string;
	/** The handler's TypeScript source and export, from the function's `Handler`. */
	modulePath: string;
	exportName: string;
	timeoutSeconds: number;
	memorySize: number;
	/** The function's environment as CloudFormation would set it (intrinsics resolved). */
	environment: Record<string, string>;
}

/** The packaged state machine and what it needs to run. */
export interface PackagedStateMachine {
	name: string;
	definition: StateMachineDefinition;
	/** The functions its tasks invoke, by ARN. */
	functions: Map<string, PackagedFunction>;
	/** The input its EventBridge Scheduler schedule starts an execution with. */
	scheduleInput: unknown;
}

const STATE_MACHINE_TYPE = 'AWS::StepFunctions::StateMachine';
const FUNCTION_TYPE = 'AWS::Lambda::Function';

function functionArn(functionName: string): string {
	const { 'AWS::Partition': partition, 'AWS::Region': region } = PSEUDO_PARAMETERS;
	return `arn:${partition}:lambda:${region}:${PSEUDO_PARAMETERS['AWS::AccountId']}:function:${functionName}`;
}

/** What a Ref to a resource yields where the jobs read it: a bus's name. */
function referenceValue(template: Template, value: unknown): unknown {
	if (typeof value !== 'object' || value === null || !('Ref' in value)) return value;
	const resource = template.Resources[(value as { Ref: string }).Ref];
	if (resource?.Type === 'AWS::Events::EventBus') return resource.Properties.Name;
	throw new Error(`No local value for Ref ${JSON.stringify(value)}.`);
}

function packagedFunction(
	template: Template,
	logicalId: string,
	repositoryRoot: string,
): PackagedFunction {
	const resource = resolveIntrinsics(template, template.Resources[logicalId]) as {
		Type: string;
		Properties: Record<string, unknown>;
	};
	if (resource?.Type !== FUNCTION_TYPE) throw new Error(`${logicalId} is not a Lambda function.`);
	const properties = resource.Properties;
	const handler = properties.Handler as string;
	const variables = (properties.Environment as { Variables?: Record<string, unknown> } | undefined)
		?.Variables;
	const environment = Object.fromEntries(
		Object.entries(variables ?? {}).map(([name, value]) => [
			name,
			String(referenceValue(template, value)),
		]),
	);
	const functionName = properties.FunctionName as string;
	return {
		logicalId,
		functionName,
		arn: functionArn(functionName),
		modulePath: join(repositoryRoot, `${handler.slice(0, handler.lastIndexOf('.'))}.ts`),
		exportName: handler.slice(handler.lastIndexOf('.') + 1),
		timeoutSeconds: properties.Timeout as number,
		memorySize: properties.MemorySize as number,
		environment,
	};
}

/**
 * The state machine `npm run package` wrote into `template`: its DefinitionString with every
 * substitution resolved (function ARNs), the functions it invokes, and its schedule's input.
 */
export function packagedStateMachine(
	template: Template,
	repositoryRoot: string,
): PackagedStateMachine {
	const entry = Object.entries(template.Resources).find(
		([, resource]) => resource.Type === STATE_MACHINE_TYPE,
	);
	if (entry === undefined) throw new Error('The template has no state machine.');
	const [logicalId, resource] = entry;
	const [body, substitutions] = (
		resource.Properties.DefinitionString as {
			'Fn::Sub': [string, Record<string, { 'Fn::GetAtt': [string, string] }>];
		}
	)['Fn::Sub'];
	const functions = new Map<string, PackagedFunction>();
	const resolved = body.replace(/\$\{([^}]+)\}/g, (whole, key: string) => {
		if (key in PSEUDO_PARAMETERS) return PSEUDO_PARAMETERS[key];
		const getAtt = substitutions[key]?.['Fn::GetAtt'];
		if (getAtt === undefined || getAtt[1] !== 'Arn') {
			throw new Error(`Cannot resolve \${${key}} in the state machine definition.`);
		}
		const packaged = packagedFunction(template, getAtt[0], repositoryRoot);
		functions.set(packaged.arn, packaged);
		return packaged.arn;
	});
	const schedule = Object.values(template.Resources).find(
		(candidate) =>
			candidate.Type === 'AWS::Scheduler::Schedule' &&
			JSON.stringify((candidate.Properties.Target as { Arn?: unknown }).Arn) ===
				JSON.stringify({ Ref: logicalId }),
	);
	const scheduleInput = (schedule?.Properties.Target as { Input?: string } | undefined)?.Input;
	return {
		name: resource.Properties.StateMachineName as string,
		definition: JSON.parse(resolved) as StateMachineDefinition,
		functions,
		scheduleInput: scheduleInput === undefined ? undefined : JSON.parse(scheduleInput),
	};
}

/** The definition checked by asl-validator 4.0.0 (paths and ARNs included); empty when valid. */
export function validationErrors(definition: StateMachineDefinition): string[] {
	const { isValid, errors } = aslValidator(definition, { checkPaths: true, checkArn: true });
	return isValid ? [] : errors.map((error) => JSON.stringify(error));
}

/** Where a function's Stripe and EventBridge calls go when it runs here. */
export interface LocalEndpoints {
	stripeApiBase: string;
	stripeSecretKey: string;
	eventBridgeUrl: string;
}

/**
 * A packaged function's environment as it runs here: the template's own settings (request rates,
 * batch size, tolerance, bus name), with the key inline instead of the SSM parameter, Stripe and
 * EventBridge pointed at the local servers and Powertools' output off. `overrides` come last.
 */
export function localFunctionEnvironment(
	packaged: PackagedFunction,
	endpoints: LocalEndpoints,
	overrides: Record<string, string | undefined> = {},
): Record<string, string | undefined> {
	return {
		...packaged.environment,
		STRIPE_SECRET_KEY_PARAMETER: undefined,
		STRIPE_SECRET_KEY: endpoints.stripeSecretKey,
		STRIPE_API_BASE: endpoints.stripeApiBase,
		...eventBridgeSettingsFor(endpoints.eventBridgeUrl, 'AKIDSTATEMACHINE'),
		POWERTOOLS_LOG_LEVEL: 'SILENT',
		POWERTOOLS_METRICS_DISABLED: 'true',
		AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
		...overrides,
	};
}

/** The request rates a server's log shows. */
export interface RequestRate {
	/** The most requests within any span of at least one second, per second. */
	peakPerSecond: number;
	/** Requests per second from the first to the last request. */
	averagePerSecond: number;
	requests: number;
}

/**
 * Samples a server's growing request count (the sandbox's log) every `intervalMs`: the rates the
 * server saw, not the rates the clients were configured for. The sandbox logs a request when it
 * answers it, so a busy process (or a stalled event loop) packs requests closer in the log than
 * they were sent; the peak second shows that, the average does not.
 */
export function watchRequestRate(count: () => number, intervalMs = 25): { stop(): RequestRate } {
	const samples: Array<{ at: number; count: number }> = [{ at: performance.now(), count: count() }];
	const timer = setInterval(
		() => samples.push({ at: performance.now(), count: count() }),
		intervalMs,
	);
	return {
		stop() {
			clearInterval(timer);
			samples.push({ at: performance.now(), count: count() });
			let peak = 0;
			let start = 0;
			for (let end = 1; end < samples.length; end++) {
				while (start + 1 < end && samples[end].at - samples[start + 1].at >= 1000) start++;
				const span = samples[end].at - samples[start].at;
				if (span < 1000) continue;
				peak = Math.max(peak, ((samples[end].count - samples[start].count) * 1000) / span);
			}
			const first = samples.findIndex((sample) => sample.count > samples[0].count);
			const last = samples.findIndex(
				(sample) => sample.count === samples[samples.length - 1].count,
			);
			const requests = samples[samples.length - 1].count - samples[0].count;
			// The first growth shows in the sample after the request; the span runs from the one before.
			const span = first < 1 ? 0 : samples[last].at - samples[first - 1].at;
			return {
				peakPerSecond: peak,
				averagePerSecond: span > 0 ? (requests * 1000) / span : 0,
				requests,
			};
		},
	};
}

/** A handler as Lambda calls it. */
export type LambdaHandler = (event: unknown, context: LambdaContext) => Promise<unknown>;

/** The Lambda context the handlers receive (what Powertools and Middy read of it). */
export interface LambdaContext {
	functionName: string;
	functionVersion: string;
	invokedFunctionArn: string;
	memoryLimitInMB: string;
	awsRequestId: string;
	logGroupName: string;
	logStreamName: string;
	callbackWaitsForEmptyEventLoop: boolean;
	getRemainingTimeInMillis(): number;
}

/**
 * Imports each function's handler module with that function's environment in place, as each
 * Lambda's cold start reads its own settings at module scope. `environmentOf` turns the template's
 * environment into the local one. The process keeps the last environment set; callers restore theirs.
 */
export async function loadHandlers(
	machine: PackagedStateMachine,
	environmentOf: (packaged: PackagedFunction) => Record<string, string | undefined>,
): Promise<Map<string, LambdaHandler>> {
	const handlers = new Map<string, LambdaHandler>();
	for (const packaged of machine.functions.values()) {
		for (const [name, value] of Object.entries(environmentOf(packaged))) {
			if (value === undefined) delete process.env[name];
			else process.env[name] = value;
		}
		const module = (await import(packaged.modulePath)) as Record<string, unknown>;
		const handler = module[packaged.exportName];
		if (typeof handler !== 'function') {
			throw new Error(`${packaged.modulePath} has no export ${packaged.exportName}.`);
		}
		handlers.set(packaged.arn, handler as LambdaHandler);
	}
	return handlers;
}

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
