import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One PutEvents entry as it arrived, with its Detail parsed. */
export interface ReceivedEntry {
	Source: string;
	DetailType: string;
	Detail: string;
	EventBusName: string;
	Time?: unknown;
	Resources?: string[];
	detail: Record<string, unknown>;
}

/** One HTTP request the stand-in received and what it answered. */
export interface RecordedPutEventsRequest {
	method: string;
	path: string;
	headers: IncomingHttpHeaders;
	rawBody: string;
	entries: ReceivedEntry[];
	status: number;
	response: unknown;
}

/** Per-entry failure to inject: which entries (by predicate), with which code, how many times. */
export interface EntryFailureRule {
	errorCode: string;
	errorMessage?: string;
	/** How many matching entries fail before the rule is used up (default: every one). */
	times?: number;
	match?: (entry: ReceivedEntry) => boolean;
}

/** Whole-request failure to inject for the next `times` requests. */
export interface RequestFailureRule {
	status: number;
	type: string;
	message?: string;
	times: number;
}

/** The EventBridge stand-in's controls. */
export interface EventBridgeStandIn {
	url: string;
	/** Entries accepted (given an EventId), in the order they were accepted. */
	accepted(): ReceivedEntry[];
	requests(): RecordedPutEventsRequest[];
	failEntries(rule: EntryFailureRule): void;
	failRequests(rule: RequestFailureRule): void;
	close(): Promise<void>;
}

/** Options of the stand-in. */
export interface EventBridgeStandInOptions {
	/** Total entry size per request (EventBridge's formula); 256 KB by default. */
	maxRequestBytes?: number;
}

const ENTRY_LIMIT = 10;
const SIGV4 =
	/^AWS4-HMAC-SHA256 Credential=[^/]+\/\d{8}\/[a-z0-9-]+\/events\/aws4_request, ?SignedHeaders=[a-z0-9;-]+, ?Signature=[0-9a-f]{64}$/;

function entrySize(entry: ReceivedEntry): number {
	let size = entry.Time === undefined ? 0 : 14;
	for (const text of [entry.Source, entry.DetailType, entry.Detail, ...(entry.Resources ?? [])]) {
		size += Buffer.byteLength(text ?? '', 'utf8');
	}
	return size;
}

class ProtocolError extends Error {
	constructor(
		readonly status: number,
		readonly type: string,
		message: string,
	) {
		super(message);
	}
}

function validateEntry(raw: unknown, index: number): ReceivedEntry {
	const entry = raw as Partial<ReceivedEntry>;
	for (const field of ['Source', 'DetailType', 'Detail', 'EventBusName'] as const) {
		if (typeof entry[field] !== 'string' || entry[field] === '') {
			throw new ProtocolError(
				400,
				'ValidationException',
				`1 validation error detected: Value at 'entries.${index + 1}.member.${field.charAt(0).toLowerCase()}${field.slice(1)}' failed to satisfy constraint: Member must not be null`,
			);
		}
	}
	let detail: unknown;
	try {
		detail = JSON.parse(entry.Detail as string);
	} catch {
		detail = undefined;
	}
	return { ...(entry as ReceivedEntry), detail: detail as Record<string, unknown> };
}

/**
 * A loopback HTTP server speaking EventBridge's PutEvents JSON 1.1 protocol, for the real AWS SDK
 * (reach it with AWS_ENDPOINT_URL_EVENTBRIDGE or the client's `endpoint`). It checks the target,
 * content type and SigV4 header shape, enforces the 10-entry and size limits, answers per-entry
 * results index for index, and lets tests inject per-entry failures and whole-request errors.
 */
export async function startEventBridgeStandIn(
	options: EventBridgeStandInOptions = {},
): Promise<EventBridgeStandIn> {
	const maxBytes = options.maxRequestBytes ?? 256 * 1024;
	const accepted: ReceivedEntry[] = [];
	const requests: RecordedPutEventsRequest[] = [];
	const entryRules: Array<EntryFailureRule & { used: number }> = [];
	const requestRules: Array<RequestFailureRule & { used: number }> = [];
	let eventCounter = 0;

	const handle = (method: string, path: string, headers: IncomingHttpHeaders, rawBody: string) => {
		if (method !== 'POST' || path !== '/') {
			throw new ProtocolError(404, 'UnknownOperationException', `No route for ${method} ${path}`);
		}
		if (headers['x-amz-target'] !== 'AWSEvents.PutEvents') {
			throw new ProtocolError(
				400,
				'UnknownOperationException',
				`Unsupported x-amz-target ${String(headers['x-amz-target'])}`,
			);
		}
		if (headers['content-type'] !== 'application/x-amz-json-1.1') {
			throw new ProtocolError(400, 'SerializationException', 'Expected application/x-amz-json-1.1');
		}
		if (!SIGV4.test(String(headers.authorization ?? '')) || !headers['x-amz-date']) {
			throw new ProtocolError(
				403,
				'MissingAuthenticationTokenException',
				'Missing or malformed SigV4 Authorization header',
			);
		}
		const rule = requestRules.find((candidate) => candidate.used < candidate.times);
		if (rule) {
			rule.used++;
			throw new ProtocolError(rule.status, rule.type, rule.message ?? `Injected ${rule.type}`);
		}
		let body: { Entries?: unknown };
		try {
			body = JSON.parse(rawBody) as { Entries?: unknown };
		} catch {
			throw new ProtocolError(400, 'SerializationException', 'Body is not JSON');
		}
		if (
			!Array.isArray(body.Entries) ||
			body.Entries.length < 1 ||
			body.Entries.length > ENTRY_LIMIT
		) {
			throw new ProtocolError(
				400,
				'ValidationException',
				`1 validation error detected: Value at 'entries' failed to satisfy constraint: Member must have length between 1 and ${ENTRY_LIMIT}`,
			);
		}
		const entries = body.Entries.map(validateEntry);
		const total = entries.reduce((sum, entry) => sum + entrySize(entry), 0);
		if (total > maxBytes) {
			throw new ProtocolError(
				400,
				'ValidationException',
				`Total size of the entries in the request is over the limit (${total} > ${maxBytes}).`,
			);
		}
		const results = entries.map((entry) => {
			if (
				entry.detail === undefined ||
				typeof entry.detail !== 'object' ||
				Array.isArray(entry.detail)
			) {
				return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' };
			}
			const failure = entryRules.find(
				(candidate) =>
					(candidate.times === undefined || candidate.used < candidate.times) &&
					(candidate.match === undefined || candidate.match(entry)),
			);
			if (failure) {
				failure.used++;
				return {
					ErrorCode: failure.errorCode,
					ErrorMessage: failure.errorMessage ?? `Injected ${failure.errorCode}`,
				};
			}
			accepted.push(entry);
			eventCounter++;
			return { EventId: `00000000-0000-4000-8000-${String(eventCounter).padStart(12, '0')}` };
		});
		return {
			entries,
			response: {
				FailedEntryCount: results.filter((result) => 'ErrorCode' in result).length,
				Entries: results,
			},
		};
	};

	const server: Server = createServer((request, response) => {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => {
			const rawBody = Buffer.concat(chunks).toString('utf8');
			const method = request.method ?? '';
			const path = request.url ?? '';
			let status = 200;
			let payload: unknown;
			let entries: ReceivedEntry[] = [];
			try {
				const result = handle(method, path, request.headers, rawBody);
				entries = result.entries;
				payload = result.response;
				response.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
			} catch (error) {
				const problem =
					error instanceof ProtocolError
						? error
						: new ProtocolError(500, 'InternalException', String(error));
				status = problem.status;
				payload = { __type: problem.type, message: problem.message };
				response.writeHead(problem.status, {
					'content-type': 'application/x-amz-json-1.1',
					'x-amzn-errortype': problem.type,
				});
			}
			requests.push({
				method,
				path,
				headers: request.headers,
				rawBody,
				entries,
				status,
				response: payload,
			});
			response.end(JSON.stringify(payload));
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		accepted: () => [...accepted],
		requests: () => [...requests],
		failEntries: (rule) => entryRules.push({ ...rule, used: 0 }),
		failRequests: (rule) => requestRules.push({ ...rule, used: 0 }),
		close: () =>
			new Promise<void>((resolve, reject) => {
				server.closeAllConnections();
				server.close((error) => (error ? reject(error) : resolve()));
			}),
	};
}
