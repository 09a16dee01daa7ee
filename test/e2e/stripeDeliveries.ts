/**
 * Stripe deliveries made by the tests themselves, for the cases the sandbox's one-at-a-time dispatcher
 * cannot produce (the same event twice at the same moment, a burst of thousands): event bodies,
 * signatures, sending with answer times, forgeries, and a sink the counter workflow reports each
 * execution to.
 */
import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import { signWebhookPayload } from '../../stripe-sandbox';
import type { StripeSandbox, WebhookDelivery } from '../../stripe-sandbox';

/** A `payout.failed` event of a connected account, serialised as Stripe (and the sandbox) send it. */
export function payoutFailedEvent(eventId: string, account: string, apiVersion: string): string {
	const created = Math.floor(Date.now() / 1000);
	return JSON.stringify(
		{
			id: eventId,
			object: 'event',
			account,
			api_version: apiVersion,
			created,
			data: {
				object: {
					id: `po_${eventId.slice(4)}`,
					object: 'payout',
					amount: 50_00,
					currency: 'usd',
					status: 'failed',
					failure_code: 'account_closed',
					created,
				},
			},
			livemode: false,
			pending_webhooks: 1,
			request: { id: null, idempotency_key: null },
			type: 'payout.failed',
		},
		null,
		2,
	);
}

/** What the receiver answered, and how long the answer took. */
export interface DeliveryAnswer {
	/** The HTTP status, or 0 when no answer came (connection refused, reset, timeout). */
	status: number;
	milliseconds: number;
}

/** POSTs one delivery as Stripe does (signature header optional, to send forgeries). */
export async function postDelivery(
	url: string,
	rawBody: string,
	signatureHeader: string | undefined,
): Promise<DeliveryAnswer> {
	const started = performance.now();
	try {
		const response = await fetch(url, {
			method: 'POST',
			headers: {
				'content-type': 'application/json; charset=utf-8',
				...(signatureHeader ? { 'stripe-signature': signatureHeader } : {}),
			},
			body: rawBody,
			signal: AbortSignal.timeout(30_000),
		});
		await response.arrayBuffer();
		return { status: response.status, milliseconds: performance.now() - started };
	} catch {
		return { status: 0, milliseconds: performance.now() - started };
	}
}

/** POSTs one delivery signed now with the endpoint's secret. */
export async function postSignedDelivery(
	url: string,
	secret: string,
	rawBody: string,
): Promise<DeliveryAnswer> {
	return await postDelivery(
		url,
		rawBody,
		signWebhookPayload(secret, rawBody, Math.floor(Date.now() / 1000)),
	);
}

/**
 * Three forgeries of a genuine delivery: its signature over a body changed afterwards, a fresh
 * signature made with a secret that is not the endpoint's, and no signature at all.
 */
export function forgeriesOf(
	genuine: WebhookDelivery,
): Array<{ rawBody: string; signatureHeader: string | undefined }> {
	const tampered = genuine.rawBody.replace('"id": "evt_', '"id": "evt_forged');
	const timestamp = Math.floor(Date.now() / 1000);
	const wrongSecretSignature = createHmac('sha256', 'whsec_not_the_endpoint_secret')
		.update(`${timestamp}.${tampered}`)
		.digest('hex');
	return [
		{ rawBody: tampered, signatureHeader: genuine.signatureHeader },
		{ rawBody: tampered, signatureHeader: `t=${timestamp},v1=${wrongSecretSignature}` },
		{ rawBody: tampered, signatureHeader: undefined },
	];
}

/**
 * The signing secret of the endpoint Stripe created for `url`, read from the sandbox's answer to the
 * create request (Stripe returns a secret only then).
 */
export function endpointSecretFor(sandbox: StripeSandbox, url: string): string {
	const created = sandbox
		.requests({ method: 'POST', path: '/v1/webhook_endpoints' })
		.map((request) => request.responseBody as { url?: string; secret?: string } | undefined)
		.filter((body) => body?.url === url && typeof body.secret === 'string');
	if (created.length === 0) {
		throw new Error(`The sandbox created no webhook endpoint for ${url} since its log was cleared`);
	}
	return String(created[created.length - 1]?.secret);
}

/** Where the counter workflow reports each execution: event id → execution ids. */
export interface ExecutionSink {
	url: string;
	executionsOf(eventId: string): string[];
	/** Every report so far. */
	total(): number;
	/**
	 * The event an execution reported, if it did (it ran the workflow up to its last node). Execution
	 * ids are per n8n instance: read the answer together with the events the caller sent.
	 */
	eventOf(executionId: string): string | undefined;
	close(): Promise<void>;
}

/** Starts the sink on a free loopback port (`GET /executed?event=…&execution=…`). */
export async function startExecutionSink(): Promise<ExecutionSink> {
	const byEvent = new Map<string, string[]>();
	const executions = new Map<string, string>();
	let total = 0;
	const server = createServer((request, response) => {
		const url = new URL(request.url ?? '/', 'http://sink');
		const event = url.searchParams.get('event');
		const execution = url.searchParams.get('execution');
		if (url.pathname !== '/executed' || !event || !execution) {
			response.writeHead(400).end();
			return;
		}
		byEvent.set(event, [...(byEvent.get(event) ?? []), execution]);
		executions.set(execution, event);
		total += 1;
		response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
	});
	await new Promise<void>((resolveListening) =>
		server.listen(0, '127.0.0.1', () => resolveListening()),
	);
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
		executionsOf: (eventId) => byEvent.get(eventId) ?? [],
		total: () => total,
		eventOf: (executionId) => executions.get(executionId),
		close: async () => {
			server.closeAllConnections();
			await new Promise<void>((resolveClosed) => server.close(() => resolveClosed()));
		},
	};
}
