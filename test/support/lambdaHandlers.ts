// The packaged Lambda functions' handlers as they run here: their local environment and their
// modules imported with it, as each function's cold start reads its own settings.
import { eventBridgeSettingsFor } from './eventBridgeClient';
import type { PackagedFunction, PackagedStateMachine } from './packagedStateMachine';

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
