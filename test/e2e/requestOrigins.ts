/**
 * Which process sent a request: a TCP relay in front of a local server (the Stripe sandbox) that
 * looks up, for every connection it accepts, the process owning the other end of the socket (Linux
 * /proc), and records each HTTP request line sent on it. In queue mode this tells the main, the worker
 * and the webhook processor apart without trusting anything n8n says about itself.
 */
import { readFileSync, readdirSync, readlinkSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import type { AddressInfo, Socket } from 'node:net';

/** One request that passed the relay, and the pid of the process that sent it. */
export interface RequestOrigin {
	pid: number | undefined;
	method: string;
	path: string;
}

/** A running relay. */
export interface OriginRecordingRelay {
	url: string;
	/** The requests so far, in the order they arrived. */
	requests(): RequestOrigin[];
	clear(): void;
	close(): Promise<void>;
}

/** Hex `0100007F:1F90` (as in /proc/net/tcp) → port. */
function portOf(address: string): number {
	return Number.parseInt(address.split(':')[1], 16);
}

/**
 * The pid among `candidates` that owns the TCP socket 127.0.0.1:`clientPort` → :`serverPort`, or
 * undefined. Reads /proc/net/tcp for the socket's inode, then the candidates' open file descriptors.
 */
export function pidOfClientSocket(
	clientPort: number,
	serverPort: number,
	candidates: number[],
): number | undefined {
	const entry = readFileSync('/proc/net/tcp', 'utf8')
		.split('\n')
		.slice(1)
		.map((line) => line.trim().split(/\s+/))
		.find(
			(fields) =>
				fields.length > 9 && portOf(fields[1]) === clientPort && portOf(fields[2]) === serverPort,
		);
	if (!entry) return undefined;
	const socketLink = `socket:[${entry[9]}]`;
	for (const pid of candidates) {
		let descriptors: string[];
		try {
			descriptors = readdirSync(`/proc/${pid}/fd`);
		} catch {
			continue;
		}
		for (const descriptor of descriptors) {
			try {
				if (readlinkSync(`/proc/${pid}/fd/${descriptor}`) === socketLink) return pid;
			} catch {
				// Closed while we looked.
			}
		}
	}
	return undefined;
}

const REQUEST_LINE = /(?:^|\r\n)(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) (\S+) HTTP\/1\.[01]\r\n/g;

/**
 * Starts a relay on a free loopback port that forwards every byte to 127.0.0.1:`targetPort`.
 * `candidates()` names the pids that may be on the other end (the n8n processes).
 */
export async function startOriginRecordingRelay(
	targetPort: number,
	candidates: () => number[],
): Promise<OriginRecordingRelay> {
	const recorded: RequestOrigin[] = [];
	const sockets = new Set<Socket>();
	const server = createServer((client) => {
		sockets.add(client);
		const pid = pidOfClientSocket(client.remotePort ?? 0, relayPort, candidates());
		const upstream = connect(targetPort, '127.0.0.1');
		sockets.add(upstream);
		let unread = '';
		client.on('data', (chunk: Buffer) => {
			unread += chunk.toString('latin1');
			let consumed = 0;
			for (const match of unread.matchAll(REQUEST_LINE)) {
				recorded.push({ pid, method: match[1], path: match[2].split('?')[0] });
				consumed = (match.index ?? 0) + match[0].length;
			}
			// Keep enough of the tail to complete a request line split across chunks.
			unread = unread.slice(Math.max(consumed, unread.length - 2048));
		});
		client.pipe(upstream).pipe(client);
		const close = () => {
			client.destroy();
			upstream.destroy();
			sockets.delete(client);
			sockets.delete(upstream);
		};
		client.on('error', close).on('close', close);
		upstream.on('error', close).on('close', close);
	});
	await new Promise<void>((resolveListening) =>
		server.listen(0, '127.0.0.1', () => resolveListening()),
	);
	const relayPort = (server.address() as AddressInfo).port;
	return {
		url: `http://127.0.0.1:${relayPort}`,
		requests: () => [...recorded],
		clear: () => {
			recorded.length = 0;
		},
		close: async () => {
			for (const socket of sockets) socket.destroy();
			await new Promise<void>((resolveClosed) => server.close(() => resolveClosed()));
		},
	};
}
