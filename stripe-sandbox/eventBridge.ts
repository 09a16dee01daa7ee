import { createHash, createHmac, randomUUID } from 'node:crypto';

/**
 * A Stripe event as an EventBridge rule sees it. The envelope is EventBridge's own (`version`,
 * `id`, `detail-type`, `source`, `account`, `time`, `region`, `resources`, `detail`); Stripe puts
 * the event type in `detail-type`, the partner event source name in `source`, and the event itself
 * in `detail`: a snapshot event (`object: 'event'`) or a thin event notification
 * (`object: 'v2.core.event'`). Shape as in stripe-node's own cloud-provider fixtures
 * (test/CloudProviderEvent.spec.ts) and docs.stripe.com/event-destinations/eventbridge#event-structure,
 * which the SDK's `parseEventNotificationWithoutVerification` unwraps by reading `detail`.
 */
export interface StripeEventBridgeEvent {
	version: '0';
	id: string;
	'detail-type': string;
	source: string;
	account: string;
	time: string;
	region: string;
	resources: string[];
	detail: Record<string, unknown>;
}

/** One entry of an EventBridge PutEvents request. */
export interface PutEventsEntry {
	Source: string;
	DetailType: string;
	Detail: string;
	EventBusName: string;
	Resources: string[];
	Time: number;
}

/**
 * The partner event source Stripe creates for an EventBridge destination. Associating it with an
 * event bus creates a partner event bus of the same name, which is where the events arrive.
 */
export function stripeEventSourceName(destinationId: string): string {
	return `aws.partner/stripe.com/${destinationId}`;
}

/** The ARN of that partner event source, as the destination's `aws_event_source_arn` shows it. */
export function stripeEventSourceArn(destinationId: string, awsRegion: string): string {
	return `arn:aws:events:${awsRegion}::event-source/${stripeEventSourceName(destinationId)}`;
}

/** Builds the EventBridge event a rule matches for one Stripe event delivered to a destination. */
export function stripeEventBridgeEvent(input: {
	detail: Record<string, unknown>;
	destinationId: string;
	awsAccountId: string;
	awsRegion: string;
	/** EventBridge's own event id (default: a random UUID, as EventBridge assigns one). */
	id?: string;
	/** When EventBridge received it (default: now). */
	time?: Date;
}): StripeEventBridgeEvent {
	return {
		version: '0',
		id: input.id ?? randomUUID(),
		'detail-type': String(input.detail.type),
		source: stripeEventSourceName(input.destinationId),
		account: input.awsAccountId,
		time: (input.time ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
		region: input.awsRegion,
		resources: [],
		detail: input.detail,
	};
}

/** The PutEvents entry that makes EventBridge deliver `event` on the partner event bus. */
export function putEventsEntryFor(event: StripeEventBridgeEvent): PutEventsEntry {
	return {
		Source: event.source,
		DetailType: event['detail-type'],
		Detail: JSON.stringify(event.detail),
		EventBusName: event.source,
		Resources: event.resources,
		Time: Math.floor(Date.parse(event.time) / 1000),
	};
}

/** The credentials the sandbox signs PutEvents with (a stand-in checks the signature's shape). */
const SANDBOX_AWS_CREDENTIALS = {
	accessKeyId: 'AKIASTRIPESANDBOX000',
	secretAccessKey: 'stripe-sandbox-eventbridge-secret',
};

function sha256Hex(text: string): string {
	return createHash('sha256').update(text, 'utf8').digest('hex');
}

function hmac(key: string | Buffer, text: string): Buffer {
	return createHmac('sha256', key).update(text, 'utf8').digest();
}

/** AWS Signature Version 4 headers for a JSON 1.1 POST to the EventBridge endpoint. */
function signedHeaders(url: URL, body: string, region: string, now: Date): Record<string, string> {
	const amzDate = now
		.toISOString()
		.replace(/[-:]/g, '')
		.replace(/\.\d{3}/, '');
	const day = amzDate.slice(0, 8);
	const headers: Record<string, string> = {
		'content-type': 'application/x-amz-json-1.1',
		host: url.host,
		'x-amz-date': amzDate,
		'x-amz-target': 'AWSEvents.PutEvents',
	};
	const names = Object.keys(headers).sort();
	const canonicalRequest = [
		'POST',
		url.pathname || '/',
		'',
		...names.map((name) => `${name}:${headers[name]}`),
		'',
		names.join(';'),
		sha256Hex(body),
	].join('\n');
	const scope = `${day}/${region}/events/aws4_request`;
	const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256Hex(canonicalRequest)].join('\n');
	const signingKey = ['events', 'aws4_request'].reduce<Buffer>(
		(key, part) => hmac(key, part),
		hmac(hmac(`AWS4${SANDBOX_AWS_CREDENTIALS.secretAccessKey}`, day), region),
	);
	const signature = createHmac('sha256', signingKey).update(stringToSign, 'utf8').digest('hex');
	return {
		...headers,
		authorization: `AWS4-HMAC-SHA256 Credential=${SANDBOX_AWS_CREDENTIALS.accessKeyId}/${scope}, SignedHeaders=${names.join(';')}, Signature=${signature}`,
	};
}

/** What PutEvents answered: the HTTP status, and the entry's error code when it was refused. */
export interface PutEventsOutcome {
	status: number;
	body: string;
	entryError?: string;
}

/** Sends one entry with EventBridge's PutEvents (JSON 1.1, SigV4) and reads the per-entry result. */
export async function putEvents(
	endpoint: string,
	region: string,
	entry: PutEventsEntry,
	timeoutMs: number,
): Promise<{ rawBody: string; outcome: PutEventsOutcome }> {
	const url = new URL(endpoint);
	const rawBody = JSON.stringify({ Entries: [entry] });
	const response = await fetch(url, {
		method: 'POST',
		headers: signedHeaders(url, rawBody, region, new Date()),
		body: rawBody,
		signal: AbortSignal.timeout(timeoutMs),
	});
	const body = await response.text();
	let entryError: string | undefined;
	if (response.ok) {
		const parsed = JSON.parse(body) as { Entries?: Array<{ ErrorCode?: string }> };
		entryError = parsed.Entries?.[0]?.ErrorCode;
	}
	return { rawBody, outcome: { status: response.status, body, entryError } };
}
