import Stripe from 'stripe';
import { getParameter } from '@aws-lambda-powertools/parameters/ssm';

import { assertUsableStripeKey, ConfigError, type StripeKeySource } from './config';
import type { RequestBudget } from './requestBudget';

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

/** One page of a Stripe list, as every list endpoint returns it. */
export interface ListPage<T> {
	data: T[];
	has_more: boolean;
}

/**
 * Reads every page of a Stripe list through the budget, one counted call per page, following
 * `starting_after` (the SDK's auto-pagination would bypass the budget for pages after the first).
 */
export async function listAllPages<T extends { id: string }>(
	budget: RequestBudget,
	label: string,
	fetchPage: (startingAfter: string | undefined) => Promise<ListPage<T>>,
): Promise<T[]> {
	const items: T[] = [];
	let startingAfter: string | undefined;
	for (;;) {
		const page = await budget.call(label, () => fetchPage(startingAfter));
		items.push(...page.data);
		if (!page.has_more || page.data.length === 0) return items;
		startingAfter = page.data[page.data.length - 1].id;
	}
}
