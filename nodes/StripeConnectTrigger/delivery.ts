import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { parseAccountFilter } from './accountFilter';
import type { EventLedger } from './eventLedger';
import { eventLedgerFor } from './eventLedger';
import { readStripeEvent } from './eventPayload';
import { ALL_EVENTS } from './events';
import type { StripeEvent } from './latestObject';
import { retrieveAsConnectedAccount, retrievePathFor } from './latestObject';
import { checkSignatureTolerance, verifyStripeSignature } from './signature';
import { claimEventAtStripe } from './stripeClaim';
import { stripeRequest } from './stripeRequest';
import type { EndpointSource, StoredEndpoint, TriggerStaticData } from './webhookEndpoints';

interface TriggerOptions {
	toleranceSeconds?: unknown;
	fetchLatestObject?: boolean;
	deduplicateAcrossProcesses?: boolean;
}

/** A verified event on its way to starting the workflow. */
interface AcceptedDelivery {
	event: StripeEvent;
	endpointSource: EndpointSource | undefined;
	endpoint: StoredEndpoint | undefined;
	options: TriggerOptions;
	ledger: EventLedger;
	staticData: TriggerStaticData;
}

/**
 * Ends the HTTP exchange with a status and tells n8n not to answer again. A `reason` goes in a small
 * JSON body, which Stripe shows beside the failed delivery in its Dashboard; refusals of unsigned
 * requests carry none, so a forger learns nothing.
 */
function answer(
	context: IWebhookFunctions,
	statusCode: number,
	reason?: string,
): IWebhookResponseData {
	const response = context.getResponseObject();
	response.statusCode = statusCode;
	if (reason === undefined) {
		response.end();
	} else {
		response.setHeader('content-type', 'application/json');
		response.end(JSON.stringify({ error: reason }));
	}
	return { noWebhookResponse: true };
}

async function rawBodyOf(context: IWebhookFunctions): Promise<Buffer | undefined> {
	const request = context.getRequestObject();
	if (!Buffer.isBuffer(request.rawBody) && typeof request.readRawBody === 'function') {
		await request.readRawBody();
	}
	return Buffer.isBuffer(request.rawBody) ? request.rawBody : undefined;
}

/**
 * Writes the ledger's list into this request's static data when it differs from what n8n loaded,
 * so n8n saves it after the request. Writing the whole list (not only this event's id) is what
 * restores an id another request's save overwrote.
 */
function storeSeenEventIds(staticData: TriggerStaticData, ids: readonly string[]): void {
	const stored = staticData.seenEventIds ?? [];
	if (stored.length === ids.length && stored.every((id, index) => id === ids[index])) return;
	staticData.seenEventIds = [...ids];
}

/**
 * Why a verified event starts nothing: a type that was not selected, or (connected-account
 * deliveries only: the platform's own events have no account) an account outside the filter.
 * Returns a problem when the filter itself is invalid (an expression may resolve to anything).
 */
function ignoredBecause(
	context: IWebhookFunctions,
	event: StripeEvent,
	endpointSource: EndpointSource | undefined,
): 'type' | 'account' | { problem: string } | undefined {
	const selectedEvents = context.getNodeParameter('events', []) as string[];
	if (!selectedEvents.includes(ALL_EVENTS) && !selectedEvents.includes(event.type)) return 'type';
	if (endpointSource === 'platform') return undefined;
	const accountFilter = parseAccountFilter(context.getNodeParameter('accountIds', ''));
	if ('problem' in accountFilter) return accountFilter;
	if (accountFilter.ids.length > 0 && !accountFilter.ids.includes(String(event.account))) {
		return 'account';
	}
	return undefined;
}

/**
 * Handles one delivery: verify the signature over the raw bytes (401 on any doubt), check the event's
 * id and account are Stripe IDs (400), ignore events for other types or accounts and events already
 * handled (200, nothing started), optionally fetch the object's current state and claim the event at
 * Stripe, then answer 200 with no body and start the workflow with the event.
 */
export async function handleDelivery(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const staticData = this.getWorkflowStaticData('node') as TriggerStaticData;
	const options = this.getNodeParameter('options', {}) as TriggerOptions;
	const tolerance = checkSignatureTolerance(options.toleranceSeconds);
	if ('problem' in tolerance) {
		// A setting problem, not the sender's: 500 makes Stripe deliver again once it is fixed.
		this.logger.error(`Stripe Connect Trigger cannot check deliveries: ${tolerance.problem}`);
		return answer(this, 500);
	}
	const endpoints = Object.entries(staticData.endpoints ?? {}) as Array<
		[EndpointSource, StoredEndpoint]
	>;

	const rawBody = await rawBodyOf(this);
	const verdict = verifyStripeSignature({
		rawBody: rawBody ?? Buffer.alloc(0),
		header: this.getHeaderData()['stripe-signature'] as string | string[] | undefined,
		secrets: endpoints.map(([, endpoint]) => endpoint.secret),
		toleranceSeconds: tolerance.seconds,
		nowSeconds: Math.floor(Date.now() / 1000),
	});
	if (!verdict.valid || rawBody === undefined) {
		this.logger.warn(
			`Stripe Connect Trigger refused a delivery: ${verdict.valid ? 'no request body' : verdict.message}`,
		);
		return answer(this, 401);
	}

	const reading = readStripeEvent(rawBody);
	if ('problem' in reading) {
		this.logger.warn(`Stripe Connect Trigger refused a signed delivery: ${reading.problem}`);
		return answer(this, 400, reading.problem);
	}
	const { event } = reading;
	const [endpointSource, endpoint] = endpoints[verdict.secretIndex] ?? [];

	// From here to the claim nothing awaits: no other delivery of this process runs in between.
	const ledger = eventLedgerFor(this.getWorkflow().id ?? '', this.getNode().name, this.getMode());
	ledger.absorb(staticData.seenEventIds);
	storeSeenEventIds(staticData, ledger.eventIds);
	const ignored = ignoredBecause(this, event, endpointSource);
	if (typeof ignored === 'object') {
		this.logger.error(`Stripe Connect Trigger cannot filter event ${event.id}: ${ignored.problem}`);
		return answer(this, 500);
	}
	if (ignored !== undefined) return answer(this, 200);

	return await startOnce(this, { event, endpointSource, endpoint, options, ledger, staticData });
}

/** What the awaited part of a delivery decided. */
type Preparation =
	| { outcome: 'start'; latestObject: IDataObject | undefined }
	/** Another n8n process claimed the event at Stripe: remember it, start nothing. */
	| { outcome: 'duplicate' }
	/** Not now: forget the claim and answer `status`, so Stripe delivers the event again. */
	| { outcome: 'retry-later'; status: 409 | 500 };

/**
 * Starts the workflow for an event unless this process (or, with "Deduplicate Across Processes",
 * any process) already did. A second delivery of an event still being handled waits for the
 * first: if the first started the workflow it is a duplicate, if it gave up (answered 500) the
 * second tries again.
 */
async function startOnce(
	context: IWebhookFunctions,
	delivery: AcceptedDelivery,
): Promise<IWebhookResponseData> {
	const { event, endpointSource, ledger, staticData, options } = delivery;
	let claim = ledger.claim(event.id);
	while (claim.outcome === 'in-flight') {
		await claim.settled;
		claim = ledger.claim(event.id);
	}
	if (claim.outcome === 'seen') {
		context.logger.debug(`Stripe Connect Trigger ignored event ${event.id}: already handled`);
		storeSeenEventIds(staticData, ledger.eventIds);
		return answer(context, 200);
	}

	let prepared: Preparation | undefined;
	try {
		prepared = await prepareStart(context, delivery);
	} finally {
		// An unexpected error gives the event back too, so a waiting delivery can take it.
		if (prepared === undefined || prepared.outcome === 'retry-later') claim.release();
		else claim.commit();
		storeSeenEventIds(staticData, ledger.eventIds);
	}
	if (prepared.outcome === 'retry-later') return answer(context, prepared.status);
	if (prepared.outcome === 'duplicate') return answer(context, 200);

	const item: IDataObject = {
		...event,
		account: typeof event.account === 'string' ? event.account : null,
		endpointSource: endpointSource ?? null,
	};
	if (options.fetchLatestObject === true) item.latestObject = prepared.latestObject ?? null;
	answer(context, 200);
	return { workflowData: [[{ json: item }]], noWebhookResponse: true };
}

/**
 * The awaited part of a delivery, between the claim in this process and the start: Fetch Latest
 * Object, then (when asked to) the claim at Stripe.
 */
async function prepareStart(
	context: IWebhookFunctions,
	{ event, endpoint, options }: AcceptedDelivery,
): Promise<Preparation> {
	let latestObject: IDataObject | undefined;
	const retrievePath = options.fetchLatestObject === true ? retrievePathFor(event) : undefined;
	if (retrievePath !== undefined) {
		try {
			const { statusCode, body } = await stripeRequest<IDataObject>(context, {
				method: 'GET',
				path: retrievePath,
				stripeAccount: retrieveAsConnectedAccount(event) ? event.account : undefined,
			});
			latestObject = statusCode === 404 ? undefined : body;
		} catch (error) {
			context.logger.error(
				`Stripe Connect Trigger could not fetch the latest ${String(event.data.object.object)} for event ${event.id}: ${(error as Error).message}`,
			);
			return { outcome: 'retry-later', status: 500 };
		}
	}

	if (options.deduplicateAcrossProcesses === true && endpoint !== undefined) {
		const claimed = await claimEventAtStripe(context, endpoint.id, event.id);
		if (claimed.outcome === 'taken') {
			context.logger.debug(
				`Stripe Connect Trigger ignored event ${event.id}: another n8n process claimed it`,
			);
			return { outcome: 'duplicate' };
		}
		if (claimed.outcome === 'busy') {
			context.logger.warn(
				`Stripe Connect Trigger deferred event ${event.id}: another n8n process is still claiming it; Stripe will deliver it again`,
			);
			return { outcome: 'retry-later', status: 409 };
		}
		if (claimed.outcome === 'unavailable') {
			// Starting risks a duplicate; refusing risks losing the event once Stripe stops retrying.
			context.logger.warn(
				`Stripe Connect Trigger could not claim event ${event.id} at Stripe and starts it anyway: ${claimed.reason}`,
			);
		}
	}
	return { outcome: 'start', latestObject };
}
