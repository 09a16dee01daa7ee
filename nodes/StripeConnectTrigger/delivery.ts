import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { parseAccountFilter } from './accountFilter';
import type { EventLedger } from './eventLedger';
import { eventLedgerFor } from './eventLedger';
import type { DeliveredEvent, DeliveryReading } from './eventPayload';
import { deliveredEvent, readDelivery } from './eventPayload';
import { isSelectedType } from './events';
import { acceptedByN8n } from './executionAcceptance';
import { fetchLatestObject } from './latestObject';
import { verifyStripeSignature } from './signature';
import { claimEventAtStripe } from './stripeClaim';
import { fetchThinEvent } from './thinEvent';
import type { TriggerOptions } from './triggerOptions';
import { readTriggerOptions } from './triggerOptions';
import type { DeliveryChannel, EndpointSource, TriggerStaticData } from './triggerStaticData';
import { channelsOf } from './triggerStaticData';

/** A verified event on its way to starting the workflow. */
interface AcceptedDelivery {
	reading: Exclude<DeliveryReading, { problem: string }>;
	event: DeliveredEvent;
	channel: DeliveryChannel;
	/** `connect` for a connected account's event, `platform` for the platform's own. */
	endpointSource: EndpointSource;
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
 * Whether an event is a connected account's or the platform's own: a webhook endpoint is one or
 * the other; an event destination receives both, told apart by the event's account.
 */
function endpointSourceOf(channel: DeliveryChannel, event: DeliveredEvent): EndpointSource {
	if (channel.kind === 'endpoint') return channel.source;
	return event.account === undefined ? 'platform' : 'connect';
}

/**
 * Why a verified event starts nothing: a type that was not selected, or (connected-account
 * events only: the platform's own events have no account) an account outside the filter.
 * Returns a problem when the filter itself is invalid (an expression may resolve to anything).
 */
function ignoredBecause(
	context: IWebhookFunctions,
	event: DeliveredEvent,
	endpointSource: EndpointSource,
): 'type' | 'account' | { problem: string } | undefined {
	const selectedEvents = context.getNodeParameter('events', []) as string[];
	if (!isSelectedType(selectedEvents, event.type, event.payload)) return 'type';
	if (endpointSource === 'platform') return undefined;
	const accountFilter = parseAccountFilter(context.getNodeParameter('accountIds', ''));
	if ('problem' in accountFilter) return accountFilter;
	if (accountFilter.ids.length > 0 && !accountFilter.ids.includes(String(event.account))) {
		return 'account';
	}
	return undefined;
}

/**
 * Handles one delivery, from a webhook endpoint or an event destination, snapshot or thin: verify
 * the signature over the raw bytes against every secret the trigger holds (401 on any doubt), check
 * the event's id, account, context and related object are Stripe's (400), ignore events for other
 * types or accounts and events already handled (200, nothing started), fetch what the workflow needs
 * (a thin event's details, Fetch Latest Object) and claim the event at Stripe when asked to, then
 * hand the event to n8n, which answers 200 with no body once it has accepted the execution.
 */
export async function handleDelivery(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const staticData = this.getWorkflowStaticData('node') as TriggerStaticData;
	const options = readTriggerOptions(this.getNodeParameter('options', {}));
	if ('problem' in options) {
		// A setting problem, not the sender's: 500 makes Stripe deliver again once it is fixed.
		this.logger.error(`Stripe Connect Trigger cannot check deliveries: ${options.problem}`);
		return answer(this, 500);
	}
	const channels = channelsOf(staticData);

	const rawBody = await rawBodyOf(this);
	const verdict = verifyStripeSignature({
		rawBody: rawBody ?? Buffer.alloc(0),
		header: this.getHeaderData()['stripe-signature'] as string | string[] | undefined,
		secrets: channels.map((channel) => channel.registration.secret),
		toleranceSeconds: options.toleranceSeconds,
		nowSeconds: Math.floor(Date.now() / 1000),
	});
	if (!verdict.valid || rawBody === undefined) {
		this.logger.warn(
			`Stripe Connect Trigger refused a delivery: ${verdict.valid ? 'no request body' : verdict.message}`,
		);
		return answer(this, 401);
	}

	const reading = readDelivery(rawBody);
	if ('problem' in reading) {
		this.logger.warn(`Stripe Connect Trigger refused a signed delivery: ${reading.problem}`);
		return answer(this, 400, reading.problem);
	}
	const event = deliveredEvent(reading);
	const channel = channels[verdict.secretIndex];
	const endpointSource = endpointSourceOf(channel, event);

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

	return await startOnce(this, {
		reading,
		event,
		channel,
		endpointSource,
		options,
		ledger,
		staticData,
	});
}

/** What the awaited part of a delivery decided. */
type Preparation =
	| { outcome: 'start'; item: IDataObject }
	/** Another n8n process claimed the event at Stripe: remember it, start nothing. */
	| { outcome: 'duplicate' }
	/** Not now: forget the claim and answer `status`, so Stripe delivers the event again. */
	| { outcome: 'retry-later'; status: 409 | 500 };

/**
 * Starts the workflow for an event unless this process (or, with "Deduplicate Across Processes",
 * any process) already did. A second delivery of an event still being handled waits for the
 * first: if the first started the workflow it is a duplicate, if it gave up (answered 5xx, or n8n
 * could not start the execution) the second tries again.
 */
async function startOnce(
	context: IWebhookFunctions,
	delivery: AcceptedDelivery,
): Promise<IWebhookResponseData> {
	const { event, ledger, staticData } = delivery;
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
		else if (prepared.outcome === 'duplicate') claim.commit();
		storeSeenEventIds(staticData, ledger.eventIds);
	}
	if (prepared.outcome === 'retry-later') return answer(context, prepared.status);
	if (prepared.outcome === 'duplicate') return answer(context, 200);

	// n8n answers Stripe once it has the execution (see acceptedByN8n): until then the claim stays
	// open, so another delivery of the event waits for the outcome instead of answering 200 for an
	// execution that may never start; an execution n8n could not start gives the event back.
	claim.handOver();
	storeSeenEventIds(staticData, ledger.eventIds);
	void acceptedByN8n(context.getResponseObject()).then(
		(accepted) => (accepted ? claim.commit() : claim.release()),
		() => claim.release(),
	);
	return { workflowData: [[{ json: prepared.item }]] };
}

/**
 * The item the workflow starts with: the event (a thin event's full event), plus `account` and
 * `context` (null for the platform's own events), `endpointSource`, and what was fetched.
 */
async function itemFor(
	context: IWebhookFunctions,
	{ reading, event, endpointSource, options }: AcceptedDelivery,
): Promise<IDataObject> {
	const common = {
		account: event.account ?? null,
		context: event.context ?? null,
		endpointSource,
	};
	if (reading.payload === 'thin') {
		const withRelatedObject = options.fetchRelatedObject;
		const details = await fetchThinEvent(context, reading.notification, withRelatedObject);
		const item: IDataObject = { ...details.event, ...common };
		if (withRelatedObject) item.relatedObject = details.relatedObject ?? null;
		return item;
	}
	const item: IDataObject = { ...reading.event, ...common };
	if (options.fetchLatestObject) {
		item.latestObject = (await fetchLatestObject(context, reading.event)) ?? null;
	}
	return item;
}

/**
 * The awaited part of a delivery, between the claim in this process and the start: the fetches
 * (a thin event's details, Fetch Latest Object), then (when asked to) the claim at Stripe. A fetch
 * that fails answers 500 before anything is claimed at Stripe, so Stripe's retry can start it.
 */
async function prepareStart(
	context: IWebhookFunctions,
	delivery: AcceptedDelivery,
): Promise<Preparation> {
	const { event, channel, options } = delivery;
	let item: IDataObject;
	try {
		item = await itemFor(context, delivery);
	} catch (error) {
		const what =
			event.payload === 'thin' ? 'the details of thin event' : 'the latest object for event';
		context.logger.error(
			`Stripe Connect Trigger could not fetch ${what} ${event.id}: ${(error as Error).message}`,
		);
		return { outcome: 'retry-later', status: 500 };
	}

	if (options.deduplicateAcrossProcesses) {
		const target = { kind: channel.kind, id: channel.registration.id };
		const claimed = await claimEventAtStripe(context, target, event.id);
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
	return { outcome: 'start', item };
}
