/**
 * Two local HTTP servers for the redirect tests: `redirecting` answers every request with `status`
 * and a Location on `target`; `target` records whatever reaches it (nothing, if redirects are refused).
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SeenRequest {
	method: string;
	url: string;
	authorization?: string;
}

export interface RedirectPair {
	/** Base URL of the server that redirects. */
	url: string;
	/** Base URL the redirects point at. */
	targetUrl: string;
	redirected: SeenRequest[];
	reachedTarget: SeenRequest[];
	close(): Promise<void>;
}

function seen(request: IncomingMessage): SeenRequest {
	return {
		method: request.method ?? '',
		url: request.url ?? '',
		authorization: request.headers.authorization,
	};
}

async function listen(server: Server): Promise<string> {
	await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
	return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Starts a server answering `status` with a Location on a second server, and that second server. */
export async function startRedirectPair(status: number): Promise<RedirectPair> {
	const redirected: SeenRequest[] = [];
	const reachedTarget: SeenRequest[] = [];
	const target = createServer((request, response) => {
		reachedTarget.push(seen(request));
		request.resume();
		response.writeHead(200, { 'Content-Type': 'application/json' });
		response.end('{"object":"balance","available":[]}');
	});
	const targetUrl = await listen(target);
	const redirecting = createServer((request, response) => {
		redirected.push(seen(request));
		request.resume();
		response.writeHead(status, { Location: `${targetUrl}${request.url ?? '/'}` });
		response.end();
	});
	const url = await listen(redirecting);
	return {
		url,
		targetUrl,
		redirected,
		reachedTarget,
		close: async () => {
			await new Promise((done) => redirecting.close(done));
			await new Promise((done) => target.close(done));
		},
	};
}
