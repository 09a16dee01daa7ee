import Stripe from 'stripe';
import type { Logger } from '@aws-lambda-powertools/logger';

import {
	assertUsableStripeKey,
	ConfigError,
	effectiveRequestsPerSecond,
	type CommonJobConfig,
	type StripeKeySource,
} from './config';
import { RequestBudget, type RetryInfo } from './requestBudget';

/** Options of the jobs' Stripe client. */
export interface StripeClientOptions {
	timeoutMs?: number;
}

/**
 * Builds the real `stripe` SDK client for an API base (Stripe or the sandbox). Its own retries are
 * off: every call goes through the RequestBudget, which also retries the plain 429 the SDK does not.
 */
export function createStripeClient(
	secretKey: string,
	apiBase: URL,
	options: StripeClientOptions = {},
): Stripe {
	const protocol = apiBase.protocol === 'http:' ? 'http' : 'https';
	return new Stripe(secretKey, {
		host: apiBase.hostname,
		port: apiBase.port === '' ? (protocol === 'http' ? 80 : 443) : Number(apiBase.port),
		protocol,
		maxNetworkRetries: 0,
		timeout: options.timeoutMs ?? 30_000,
		telemetry: false,
		appInfo: { name: 'n8n-nodes-stripe-connect-jobs' },
	});
}

/** Resolves the secret key: inline, or the SSM SecureString (cached by Powertools between invocations). */
export async function resolveStripeSecretKey(source: StripeKeySource | undefined): Promise<string> {
	if (source === undefined) {
		throw new ConfigError(
			'STRIPE_SECRET_KEY_PARAMETER',
			'neither STRIPE_SECRET_KEY_PARAMETER (an SSM SecureString name) nor STRIPE_SECRET_KEY is set. Set one of them.',
		);
	}
	if (source.kind === 'inline') return source.secretKey;
	let value: string | undefined;
	try {
		// Loaded on first use: importing Powertools Parameters loads @aws-sdk/client-ssm, which runs
		// that never read SSM (inline keys, local runs) should not pay for at cold start.
		const { getParameter } = await import('@aws-lambda-powertools/parameters/ssm');
		value = await getParameter(source.parameterName, { decrypt: true, maxAge: 300 });
	} catch (error) {
		const reason = error instanceof Error ? error.name : 'unknown error';
		throw new ConfigError(
			'STRIPE_SECRET_KEY_PARAMETER',
			`the SSM parameter ${source.parameterName} could not be read (${reason}). Check that it exists in this region and that the function may call ssm:GetParameter and kms:Decrypt on it.`,
		);
	}
	if (value === undefined) {
		throw new ConfigError(
			'STRIPE_SECRET_KEY_PARAMETER',
			`the SSM parameter ${source.parameterName} does not exist. Create it as a SecureString holding the Stripe secret key.`,
		);
	}
	return assertUsableStripeKey(value, 'STRIPE_SECRET_KEY_PARAMETER');
}

/** The Stripe client of one run and the request budget every one of its calls goes through. */
export interface StripeConnection {
	stripe: Stripe;
	budget: RequestBudget;
}

/** A Stripe client for `apiBase` behind a fresh request budget paced for the key's mode. */
export function connectWithKey(
	config: CommonJobConfig,
	secretKey: string,
	apiBase: URL,
	onRetry?: (retry: RetryInfo) => void,
): StripeConnection {
	const budget = new RequestBudget({
		requestsPerSecond: effectiveRequestsPerSecond(config, secretKey),
		maxConcurrency: config.maxConcurrency,
		maxAttempts: config.maxAttempts,
		onRetry,
	});
	return { stripe: createStripeClient(secretKey, apiBase), budget };
}

/** A Lambda's connection for one invocation: the configured key (SSM values cached by Powertools), retries logged. */
export async function connectToStripe(
	config: CommonJobConfig,
	logger: Logger,
): Promise<StripeConnection> {
	const secretKey = await resolveStripeSecretKey(config.stripeKey);
	return connectWithKey(config, secretKey, config.stripeApiBase, (retry) =>
		logger.warn('Retrying Stripe call', { ...retry }),
	);
}

/** Items per list page: Stripe's maximum, so a list costs as few calls as possible. */
export const LIST_PAGE_SIZE = 100;

/** One page of a Stripe list, as every list endpoint returns it. */
export interface ListPage<T> {
	data: T[];
	has_more: boolean;
}

/** Where a list page starts: nothing for the first page, `starting_after` for the pages after it. */
export type PageCursor = { starting_after?: string };

/**
 * Reads every page of a Stripe list through the budget, one counted call per page, following
 * `starting_after` (the SDK's auto-pagination would bypass the budget for pages after the first).
 * `fetchPage` spreads the cursor into its list parameters; `start` continues a list already begun.
 */
export async function listAllPages<T extends { id: string }>(
	budget: RequestBudget,
	label: string,
	fetchPage: (cursor: PageCursor) => Promise<ListPage<T>>,
	start: PageCursor = {},
): Promise<T[]> {
	const items: T[] = [];
	let cursor: PageCursor = start;
	for (;;) {
		const page = await budget.call(label, () => fetchPage(cursor));
		items.push(...page.data);
		if (!page.has_more || page.data.length === 0) return items;
		cursor = { starting_after: page.data[page.data.length - 1].id };
	}
}
