import { describeStripeKeyProblem, isLiveModeKey } from '../../nodes/shared/stripeApi';

/** The environment as the jobs read it: plain strings, possibly unset. */
export type Environment = Record<string, string | undefined>;

/** A setting that is missing or malformed; the message names the variable and how to fix it. */
export class ConfigError extends Error {
	constructor(
		readonly setting: string,
		message: string,
	) {
		super(`${setting}: ${message}`);
		this.name = 'ConfigError';
	}
}

/** Where the Stripe secret key comes from: inline (local runs) or an SSM SecureString read at run time. */
export type StripeKeySource =
	| { kind: 'inline'; secretKey: string }
	| { kind: 'ssm'; parameterName: string };

/** Settings every job shares. */
export interface CommonJobConfig {
	stripeKey: StripeKeySource | undefined;
	stripeApiBase: URL;
	eventBusName: string | undefined;
	/** Requests per second across the job; undefined means "default for the key's mode". */
	requestsPerSecond: number | undefined;
	maxConcurrency: number;
	maxAttempts: number;
	/** How long before the Lambda deadline the job stops starting new work. */
	stopBeforeDeadlineMs: number;
}

/** Requests per second when nothing is configured: under Stripe's 100/s live and 25/s test limits. */
export const DEFAULT_REQUESTS_PER_SECOND = { live: 80, test: 20 } as const;

/**
 * Requests in flight when nothing is configured. Measured at Stripe's 100 requests/s and 50 ms
 * latency (plus ~30 ms of work per call), 8 left no headroom (1.11–1.17× the rate-limit bound) and
 * 16 reached the rate (1.145×) with no 429s; the rate limiter, not concurrency, paces the jobs.
 */
export const DEFAULT_MAX_CONCURRENCY = 16;

const DEFAULT_STRIPE_API_BASE = 'https://api.stripe.com';
const SSM_PARAMETER_NAME = /^[A-Za-z0-9_.\-/]{1,2048}$/;

/** A setting's value without surrounding blanks; undefined when unset or blank. */
export function readTrimmed(env: Environment, name: string): string | undefined {
	const value = env[name];
	if (value === undefined) return undefined;
	const trimmed = value.trim();
	return trimmed === '' ? undefined : trimmed;
}

/** A numeric setting within bounds, or `fallback` when unset; throws ConfigError naming it. */
export function readNumber(
	env: Environment,
	name: string,
	fallback: number,
	bounds: { min: number; max: number; integer: boolean },
): number {
	const raw = readTrimmed(env, name);
	if (raw === undefined) return fallback;
	const value = Number(raw);
	const kind = bounds.integer ? 'a whole number' : 'a number';
	if (
		!Number.isFinite(value) ||
		(bounds.integer && !Number.isInteger(value)) ||
		value < bounds.min ||
		value > bounds.max
	) {
		throw new ConfigError(
			name,
			`"${raw}" is not ${kind} between ${bounds.min} and ${bounds.max}. Set it to such a value, or unset it to use the default (${fallback}).`,
		);
	}
	return value;
}

function readStripeKey(env: Environment): StripeKeySource | undefined {
	const inline = env.STRIPE_SECRET_KEY;
	const parameterName = readTrimmed(env, 'STRIPE_SECRET_KEY_PARAMETER');
	if (inline !== undefined && inline !== '' && parameterName !== undefined) {
		throw new ConfigError(
			'STRIPE_SECRET_KEY',
			'both STRIPE_SECRET_KEY and STRIPE_SECRET_KEY_PARAMETER are set. Keep only one: the SSM parameter in AWS, the inline key for local runs.',
		);
	}
	if (parameterName !== undefined) {
		if (!SSM_PARAMETER_NAME.test(parameterName)) {
			throw new ConfigError(
				'STRIPE_SECRET_KEY_PARAMETER',
				'is not a valid SSM parameter name. Use the name of a SecureString parameter such as /stripe-connect/prod/secret-key.',
			);
		}
		return { kind: 'ssm', parameterName };
	}
	if (inline === undefined || inline === '') return undefined;
	const problem = describeStripeKeyProblem(inline);
	if (problem !== undefined) throw new ConfigError('STRIPE_SECRET_KEY', problem);
	return { kind: 'inline', secretKey: inline };
}

function readApiBase(env: Environment): URL {
	const raw = readTrimmed(env, 'STRIPE_API_BASE') ?? DEFAULT_STRIPE_API_BASE;
	let url: URL;
	try {
		url = new URL(raw);
	} catch {
		throw new ConfigError(
			'STRIPE_API_BASE',
			`"${raw}" is not a URL. Set it to an http(s) origin such as ${DEFAULT_STRIPE_API_BASE} (the default) or the sandbox's http://127.0.0.1:<port>.`,
		);
	}
	if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.pathname.length > 1) {
		throw new ConfigError(
			'STRIPE_API_BASE',
			`"${raw}" must be a bare http(s) origin without a path, such as ${DEFAULT_STRIPE_API_BASE}.`,
		);
	}
	return url;
}

function readEventBusName(env: Environment): string | undefined {
	const name = readTrimmed(env, 'EVENT_BUS_NAME');
	if (name !== undefined && !/^[A-Za-z0-9._\-/:]{1,1600}$/.test(name)) {
		throw new ConfigError(
			'EVENT_BUS_NAME',
			`"${name}" is not an event bus name or ARN. Use letters, digits and . - _ / : only.`,
		);
	}
	return name;
}

/** Reads the settings every job shares; throws ConfigError naming the first bad setting. */
export function readCommonConfig(env: Environment): CommonJobConfig {
	const requestsPerSecond =
		readTrimmed(env, 'STRIPE_REQUESTS_PER_SECOND') === undefined
			? undefined
			: readNumber(env, 'STRIPE_REQUESTS_PER_SECOND', DEFAULT_REQUESTS_PER_SECOND.test, {
					min: 0.1,
					max: 1000,
					integer: false,
				});
	return {
		stripeKey: readStripeKey(env),
		stripeApiBase: readApiBase(env),
		eventBusName: readEventBusName(env),
		requestsPerSecond,
		maxConcurrency: readNumber(env, 'STRIPE_MAX_CONCURRENCY', DEFAULT_MAX_CONCURRENCY, {
			min: 1,
			max: 100,
			integer: true,
		}),
		maxAttempts: readNumber(env, 'STRIPE_MAX_ATTEMPTS', 5, { min: 1, max: 10, integer: true }),
		stopBeforeDeadlineMs:
			readNumber(env, 'STOP_BEFORE_DEADLINE_SECONDS', 30, { min: 0, max: 600, integer: false }) *
			1000,
	};
}

/** Fails naming EVENT_BUS_NAME when a deployed handler has no bus to publish to. */
export function requireEventBusName(config: CommonJobConfig): string {
	if (config.eventBusName === undefined) {
		throw new ConfigError(
			'EVENT_BUS_NAME',
			'is not set. Set it to the name or ARN of the EventBridge bus the job publishes to.',
		);
	}
	return config.eventBusName;
}

/** The effective request rate: the configured one, or the default for the key's mode. */
export function effectiveRequestsPerSecond(config: CommonJobConfig, secretKey: string): number {
	if (config.requestsPerSecond !== undefined) return config.requestsPerSecond;
	return isLiveModeKey(secretKey)
		? DEFAULT_REQUESTS_PER_SECOND.live
		: DEFAULT_REQUESTS_PER_SECOND.test;
}

/** Checks a key fetched at run time (from SSM) with the same rules as an inline key. */
export function assertUsableStripeKey(key: string, setting: string): string {
	const problem = describeStripeKeyProblem(key);
	if (problem !== undefined) throw new ConfigError(setting, problem);
	return key;
}

/** A run input (CLI flag or handler event field) that is malformed; names the field and the fix. */
export class InputError extends Error {
	constructor(
		readonly field: string,
		message: string,
	) {
		super(`${field}: ${message}`);
		this.name = 'InputError';
	}
}
