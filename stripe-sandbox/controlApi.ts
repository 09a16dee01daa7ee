import type { IncomingMessage, ServerResponse } from 'node:http';
import { redactKey } from './errors';
import type { RecordedRequest } from './requestLog';
import type { SandboxControls } from './sandboxControls';

function send(response: ServerResponse, status: number, body: unknown): void {
	response.writeHead(status, { 'Content-Type': 'application/json' });
	response.end(JSON.stringify(body, null, 2));
}

/** Keeps API keys out of what the control API prints: only the last four characters remain. */
function withoutSecret(request: RecordedRequest): RecordedRequest {
	const authorization = request.headers.authorization;
	if (!authorization) return request;
	const [scheme, value = ''] = authorization.split(' ', 2);
	return {
		...request,
		headers: { ...request.headers, authorization: `${scheme} ${redactKey(value)}` },
	};
}

function parseJson(rawBody: string): Record<string, unknown> {
	if (!rawBody.trim()) return {};
	return JSON.parse(rawBody) as Record<string, unknown>;
}

/**
 * The sandbox's own control API under `/_sandbox/` (JSON in and out, never spec-validated or
 * recorded), so a test driving a separate sandbox process can move time and plan failures.
 */
export async function handleControlRequest(
	controls: SandboxControls,
	request: IncomingMessage,
	response: ServerResponse,
	rawBody: string,
): Promise<void> {
	try {
		await answerControlRequest(controls, request, response, rawBody);
	} catch (error) {
		// A builder refused the request (unknown account, wrong destination type): say why.
		send(response, 400, { error: error instanceof Error ? error.message : String(error) });
	}
}

async function answerControlRequest(
	controls: SandboxControls,
	request: IncomingMessage,
	response: ServerResponse,
	rawBody: string,
): Promise<void> {
	const url = new URL(request.url ?? '/', 'http://127.0.0.1');
	const route = `${request.method ?? 'GET'} ${url.pathname}`;
	let body: Record<string, unknown>;
	try {
		body = parseJson(rawBody);
	} catch {
		send(response, 400, { error: 'The control API takes a JSON body.' });
		return;
	}
	switch (route) {
		case 'GET /_sandbox/now':
			return send(response, 200, { now: controls.now() });
		case 'POST /_sandbox/advance': {
			const seconds = Number(body.seconds);
			if (!Number.isFinite(seconds) || seconds < 0) {
				return send(response, 400, { error: 'Send {"seconds": <non-negative number>}.' });
			}
			return send(response, 200, { now: await controls.advanceTime(seconds) });
		}
		case 'POST /_sandbox/faults': {
			const status = Number(body.status);
			if (!Number.isInteger(status))
				return send(response, 400, { error: 'Send {"status": 429|500|…}.' });
			const match = (body.match ?? {}) as { method?: string; path?: string; pathPattern?: string };
			controls.injectFaults({
				status,
				times: body.times === undefined ? 1 : Number(body.times),
				shouldRetry: typeof body.shouldRetry === 'boolean' ? body.shouldRetry : undefined,
				afterExecution: body.afterExecution === true,
				match: {
					method: match.method,
					path: match.pathPattern ? new RegExp(match.pathPattern) : match.path,
				},
			});
			return send(response, 200, { ok: true });
		}
		case 'POST /_sandbox/run_payouts':
			return send(response, 200, {
				data: controls.state.runAutomaticPayouts(
					typeof body.account === 'string' ? body.account : undefined,
				),
			});
		case 'POST /_sandbox/complete_onboarding':
			if (typeof body.account !== 'string')
				return send(response, 400, { error: 'Send {"account": "acct_…"} (a v2 Account).' });
			return send(response, 200, controls.state.completeAccountOnboarding(body.account));
		case 'POST /_sandbox/eventbridge_sources/activate':
			if (typeof body.destination !== 'string')
				return send(response, 400, { error: 'Send {"destination": "ed_…"}.' });
			controls.state.activateEventBridgeSource(body.destination);
			return send(response, 200, { ok: true });
		case 'POST /_sandbox/eventbridge_endpoint':
			controls.setEventBridgeEndpoint(typeof body.url === 'string' ? body.url : undefined);
			return send(response, 200, { ok: true });
		case 'DELETE /_sandbox/faults':
			controls.clearFaults();
			return send(response, 200, { ok: true });
		case 'POST /_sandbox/latency':
			controls.setLatency(Number(body.ms ?? 0));
			return send(response, 200, { ok: true });
		case 'POST /_sandbox/rate_limit':
			controls.setRateLimit(body.requestsPerSecond ? Number(body.requestsPerSecond) : undefined);
			return send(response, 200, { ok: true });
		case 'GET /_sandbox/deliveries':
			await controls.flushDeliveries();
			return send(response, 200, { data: controls.deliveries() });
		case 'GET /_sandbox/requests':
			return send(response, 200, { data: controls.requests().map(withoutSecret) });
		case 'DELETE /_sandbox/requests':
			controls.clearRequests();
			return send(response, 200, { ok: true });
		default:
			return send(response, 404, {
				error: `Unknown control route ${route}. See stripe-sandbox/README.md.`,
			});
	}
}
