/**
 * Reading whether n8n accepted an execution from the answer it gave, on real HTTP exchanges: the
 * server below answers the way n8n's webhook handler does, and the client is a real HTTP client
 * (one that waits, and one that leaves early as Stripe does after its timeout).
 */
import { once } from 'node:events';
import { createServer, request } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';

import { acceptedByN8n } from '../../../nodes/StripeConnectTrigger/executionAcceptance';

let server: Server | undefined;

afterEach(async () => {
	server?.closeAllConnections();
	if (server) await new Promise<void>((resolve) => server!.close(() => resolve()));
	server = undefined;
});

/**
 * Serves one request: `watch` runs as the node runs (before any answer), then `respond` answers
 * like n8n when `answerAfter` resolves. Returns what `acceptedByN8n` decided.
 */
async function exchange(options: {
	status: number;
	answerAfter: (clientLeft: Promise<void>) => Promise<void>;
	clientLeavesEarly?: boolean;
}): Promise<boolean> {
	let decided: Promise<boolean> | undefined;
	const served = new Promise<void>((resolve) => {
		server = createServer((incoming: IncomingMessage, response: ServerResponse) => {
			incoming.resume();
			decided = acceptedByN8n(response, { pollMs: 5, limitMs: 2_000 });
			const clientLeft = once(response, 'close').then(() => undefined);
			void options.answerAfter(clientLeft).then(() => {
				response.statusCode = options.status;
				response.end();
				resolve();
			});
		});
	});
	server!.listen(0, '127.0.0.1');
	await once(server!, 'listening');
	const { port } = server!.address() as AddressInfo;
	const client = request({ host: '127.0.0.1', port, method: 'POST', path: '/webhook/x' });
	client.on('error', () => {});
	client.on('response', (response) => response.resume());
	client.end('{}');
	if (options.clientLeavesEarly) setTimeout(() => client.destroy(), 20);
	await served;
	if (decided === undefined) throw new Error('the server received no request');
	return await decided;
}

describe('whether n8n accepted the execution a delivery started', () => {
	it('is accepted when n8n answers 200', async () => {
		expect(await exchange({ status: 200, answerAfter: async () => {} })).toBe(true);
	});

	it('is refused when n8n answers 500 because the execution could not start', async () => {
		expect(await exchange({ status: 500, answerAfter: async () => {} })).toBe(false);
	});

	it('reads the answer n8n writes after the client stopped waiting', async () => {
		const late = (clientLeft: Promise<void>) => clientLeft;
		expect(await exchange({ status: 200, answerAfter: late, clientLeavesEarly: true })).toBe(true);
		expect(await exchange({ status: 500, answerAfter: late, clientLeavesEarly: true })).toBe(false);
	});

	it('is refused when no answer comes in time after the client left', async () => {
		const fake = {
			statusCode: 200,
			writableEnded: false,
			writableFinished: false,
			once(event: 'finish' | 'close', listener: () => void) {
				if (event === 'close') queueMicrotask(listener);
				return this;
			},
		};
		expect(await acceptedByN8n(fake, { pollMs: 5, limitMs: 30 })).toBe(false);
	});
});
