import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { parseAccountFilter } from './accountFilter';
import { ALL_EVENTS } from './events';
import type { StripeEvent } from './latestObject';
import { retrieveAsConnectedAccount, retrievePathFor } from './latestObject';
import { rememberEventId } from './seenEvents';
import { DEFAULT_SIGNATURE_TOLERANCE_SECONDS, verifyStripeSignature } from './signature';
import { stripeRequest } from './stripeRequest';
import type { EndpointSource, TriggerStaticData } from './webhookEndpoints';

interface TriggerOptions {
	toleranceSeconds?: number;
	fetchLatestObject?: boolean;
}

/** Ends the HTTP exchange with a status and no body, and tells n8n not to answer again. */
function answer(context: IWebhookFunctions, statusCode: number): IWebhookResponseData {
	const response = context.getResponseObject();
	response.statusCode = statusCode;
	response.end();
	return { noWebhookResponse: true };
}

async function rawBodyOf(context: IWebhookFunctions): Promise<Buffer | undefined> {
	const request = context.getRequestObject();
	if (!Buffer.isBuffer(request.rawBody) && typeof request.readRawBody === 'function') {
		await request.readRawBody();
	}
	return Buffer.isBuffer(request.rawBody) ? request.rawBody : undefined;
}

function parseEvent(rawBody: Buffer): StripeEvent | undefined {
	try {
		const parsed = JSON.parse(rawBody.toString('utf8')) as Partial<StripeEvent>;
		if (
			typeof parsed?.id === 'string' &&
			typeof parsed.type === 'string' &&
			typeof parsed.data?.object === 'object' &&
			parsed.data.object !== null
		) {
			return parsed as StripeEvent;
		}
	} catch {
		// A body that is not JSON is answered with 400 below; nothing was started.
	}
	return undefined;
}

/**
 * Handles one delivery: verify the signature over the raw bytes (401 on any doubt), ignore events
 * for other accounts or types and events already seen (200, nothing started), optionally fetch the
 * object's current state, then answer 200 with no body and start the workflow with the event.
 */
export async function handleDelivery(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const staticData = this.getWorkflowStaticData('node') as TriggerStaticData;
	const options = this.getNodeParameter('options', {}) as TriggerOptions;
	const toleranceSeconds = options.toleranceSeconds ?? DEFAULT_SIGNATURE_TOLERANCE_SECONDS;
	const endpoints = Object.entries(staticData.endpoints ?? {}) as Array<
		[EndpointSource, { secret: string }]
	>;

	const rawBody = await rawBodyOf(this);
	const verdict = verifyStripeSignature({
		rawBody: rawBody ?? Buffer.alloc(0),
		header: this.getHeaderData()['stripe-signature'] as string | string[] | undefined,
		secrets: endpoints.map(([, endpoint]) => endpoint.secret),
		toleranceSeconds:
			Number.isFinite(toleranceSeconds) && toleranceSeconds > 0
				? toleranceSeconds
				: DEFAULT_SIGNATURE_TOLERANCE_SECONDS,
		nowSeconds: Math.floor(Date.now() / 1000),
	});
	if (!verdict.valid || rawBody === undefined) {
		this.logger.warn(
			`Stripe Connect Trigger refused a delivery: ${verdict.valid ? 'no request body' : verdict.message}`,
		);
		return answer(this, 401);
	}

	const event = parseEvent(rawBody);
	if (event === undefined) {
		this.logger.warn('Stripe Connect Trigger refused a signed delivery that is not a Stripe event');
		return answer(this, 400);
	}

	const selectedEvents = this.getNodeParameter('events', []) as string[];
	if (!selectedEvents.includes(ALL_EVENTS) && !selectedEvents.includes(event.type)) {
		return answer(this, 200);
	}
	const accountFilter = parseAccountFilter(this.getNodeParameter('accountIds', ''));
	if ('problem' in accountFilter) {
		this.logger.error(`Stripe Connect Trigger ignored event ${event.id}: ${accountFilter.problem}`);
		return answer(this, 200);
	}
	if (accountFilter.ids.length > 0 && !accountFilter.ids.includes(String(event.account))) {
		return answer(this, 200);
	}

	const seenEventIds = rememberEventId(staticData.seenEventIds, event.id);
	if (seenEventIds === undefined) {
		return answer(this, 200);
	}

	let latestObject: IDataObject | undefined;
	const retrievePath = options.fetchLatestObject === true ? retrievePathFor(event) : undefined;
	if (retrievePath !== undefined) {
		try {
			const { statusCode, body } = await stripeRequest<IDataObject>(this, {
				method: 'GET',
				path: retrievePath,
				stripeAccount: retrieveAsConnectedAccount(event) ? event.account : undefined,
			});
			latestObject = statusCode === 404 ? undefined : body;
		} catch (error) {
			// Answering 500 makes Stripe redeliver later; the event id is not remembered yet.
			this.logger.error(
				`Stripe Connect Trigger could not fetch the latest ${String(event.data.object.object)} for event ${event.id}: ${(error as Error).message}`,
			);
			return answer(this, 500);
		}
	}

	staticData.seenEventIds = seenEventIds;
	const endpointSource = endpoints[verdict.secretIndex]?.[0];
	const item: IDataObject = {
		...event,
		account: typeof event.account === 'string' ? event.account : null,
		endpointSource: endpointSource ?? null,
	};
	if (options.fetchLatestObject === true) item.latestObject = latestObject ?? null;
	const workflowData = [[{ json: item }]];
	answer(this, 200);
	return { workflowData, noWebhookResponse: true };
}
