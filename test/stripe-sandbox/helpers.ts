import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { afterEach, beforeEach } from 'vitest';
import { startSandbox, type SandboxOptions, type StripeSandbox } from '../../stripe-sandbox';
import type { StripeErrorBody } from '../../stripe-sandbox/errors';

/** A JSON body as the sandbox answers it: an error, a list, or an object's fields. */
export interface SandboxJson {
	error: StripeErrorBody;
	data: Array<Record<string, unknown> & { id: string }>;
	[field: string]: unknown;
}

/** What the sandbox answered to a raw HTTP call. */
export interface RawResponse {
	status: number;
	headers: Headers;
	body: SandboxJson;
}

/** Calls the sandbox over real HTTP with a raw form body or query string, as Stripe clients do. */
export async function callSandbox(
	sandbox: StripeSandbox,
	method: string,
	pathAndQuery: string,
	options: { body?: string; key?: string | null; headers?: Record<string, string> } = {},
): Promise<RawResponse> {
	const headers: Record<string, string> = { ...options.headers };
	if (options.key !== null) headers.Authorization = `Bearer ${options.key ?? sandbox.secretKey}`;
	if (options.body !== undefined) headers['Content-Type'] = 'application/x-www-form-urlencoded';
	const response = await fetch(`${sandbox.url}${pathAndQuery}`, {
		method,
		headers,
		body: options.body,
	});
	return {
		status: response.status,
		headers: response.headers,
		body: (await response.json()) as SandboxJson,
	};
}

/** The official stripe SDK pointed at the sandbox, with retries off unless asked for. */
export function sandboxStripe(sandbox: StripeSandbox, maxNetworkRetries = 0): Stripe {
	return new Stripe(sandbox.secretKey, {
		host: '127.0.0.1',
		port: sandbox.port,
		protocol: 'http',
		maxNetworkRetries,
	});
}

/** Starts a sandbox and the SDK pointed at it (retries off). */
export async function startSandboxWithSdk(
	options: SandboxOptions = {},
): Promise<{ sandbox: StripeSandbox; stripe: Stripe }> {
	const sandbox = await startSandbox(options);
	return { sandbox, stripe: sandboxStripe(sandbox) };
}

/**
 * A sandbox with the SDK and one US connected account (`seller`); with `platformUsd`, that much USD
 * (minor units) is available on the platform, funded after the seller was created.
 */
export async function startMarketplace(
	options: SandboxOptions & { platformUsd?: number },
): Promise<{ sandbox: StripeSandbox; stripe: Stripe; seller: Stripe.Account }> {
	const { platformUsd, ...sandboxOptions } = options;
	const { sandbox, stripe } = await startSandboxWithSdk(sandboxOptions);
	const seller = sandbox.state.createConnectedAccount({ country: 'US' });
	if (platformUsd !== undefined)
		sandbox.state.fundBalance({ currency: 'usd', amount: platformUsd });
	return { sandbox, stripe, seller };
}

/** What `startMarketplace` starts: the sandbox, an SDK client for it and one US connected account. */
export type Marketplace = Awaited<ReturnType<typeof startMarketplace>>;

/**
 * Starts a marketplace before each test of the enclosing suite and closes it after; `setUp` receives
 * its parts (usually assigning them to the suite's variables).
 */
export function useMarketplace(
	options: Parameters<typeof startMarketplace>[0],
	setUp: (started: Marketplace) => void,
): void {
	let sandbox: StripeSandbox | undefined;
	beforeEach(async () => {
		const started = await startMarketplace(options);
		sandbox = started.sandbox;
		setUp(started);
	});
	afterEach(() => sandbox?.close());
}

/**
 * The create parameters of a v2 Account that receives transfers (recipient configuration, Express
 * dashboard, the platform collecting fees and losses), as a platform paying out sellers sends them.
 */
export function v2RecipientParams(
	identity: Stripe.V2.Core.AccountCreateParams.Identity,
	contactEmail = 'owner@shop.test',
): Stripe.V2.Core.AccountCreateParams {
	return {
		contact_email: contactEmail,
		identity,
		configuration: {
			recipient: { capabilities: { stripe_balance: { stripe_transfers: { requested: true } } } },
		},
		dashboard: 'express',
		defaults: {
			responsibilities: { fees_collector: 'application', losses_collector: 'application' },
		},
	};
}

/** The available amount in one currency (undefined when the balance has none), as the SDK reads it. */
export async function availableIn(
	stripe: Stripe,
	currency: string,
	stripeAccount?: string,
): Promise<number | undefined> {
	const balance = await stripe.balance.retrieve({}, stripeAccount ? { stripeAccount } : {});
	return balance.available.find((entry) => entry.currency === currency)?.amount;
}

/** The available and pending USD amounts of the platform or a connected account (0 when absent). */
export async function usdBalance(
	stripe: Stripe,
	stripeAccount?: string,
): Promise<{ available: number; pending: number }> {
	const result = await stripe.balance.retrieve({}, stripeAccount ? { stripeAccount } : {});
	const pick = (entries: Stripe.Balance.Available[]) =>
		entries.find((entry) => entry.currency === 'usd')?.amount ?? 0;
	return { available: pick(result.available), pending: pick(result.pending) };
}

/**
 * Manual USD payouts on one account, amounts 100, 101, … created ten seconds apart from
 * `firstCreated`; returns their ids newest first.
 */
export function createPayoutSeries(
	sandbox: StripeSandbox,
	account: string,
	count: number,
	firstCreated: number,
): string[] {
	return Array.from(
		{ length: count },
		(_, index) =>
			sandbox.state.createManualPayout({
				account,
				amount: 100 + index,
				currency: 'usd',
				created: firstCreated + index * 10,
			}).id,
	).reverse();
}

/** One POST a webhook receiver got. */
export interface ReceivedWebhook {
	headers: IncomingHttpHeaders;
	rawBody: string;
}

/** A local HTTP server that records webhook POSTs and answers with a chosen status. */
export async function startWebhookReceiver(answer = 200): Promise<{
	url: string;
	received: ReceivedWebhook[];
	setAnswer(status: number): void;
	close(): Promise<void>;
}> {
	const received: ReceivedWebhook[] = [];
	let status = answer;
	const server = createServer((request, response) => {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => {
			received.push({ headers: request.headers, rawBody: Buffer.concat(chunks).toString('utf8') });
			response.writeHead(status);
			response.end();
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/webhook`,
		received,
		setAnswer: (next) => {
			status = next;
		},
		close: () =>
			new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};
}
