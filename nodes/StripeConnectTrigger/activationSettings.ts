import { NodeOperationError } from 'n8n-workflow';
import type { IHookFunctions } from 'n8n-workflow';

import { parseAccountFilter } from './accountFilter';
import { enabledEventsFor } from './events';
import { credentialApiVersion } from './stripeRequest';
import { readTriggerOptions } from './triggerOptions';
import type {
	DeliveryKind,
	EndpointSource,
	EventPayload,
	SourceSelection,
} from './triggerStaticData';

/** What activation registers at Stripe, read from the node's parameters and checked. */
export interface ActivationSettings {
	/** This node's webhook URL (production or test). */
	url: string;
	source: SourceSelection;
	/** The endpoint flavours the source needs (webhook endpoints). */
	sources: EndpointSource[];
	delivery: DeliveryKind;
	/** Snapshot for webhook endpoints; the user's choice for an event destination. */
	payload: EventPayload;
	/** Stripe's `enabled_events` for this delivery and payload, sorted (`v1.…` types when thin). */
	events: string[];
	/** The API version the credential pins, or undefined for the account's default. */
	apiVersion: string | undefined;
}

/** A choice among fixed values, as the form offers it. */
interface Choice<T extends string> {
	field: string;
	options: Array<{ value: T; name: string }>;
}

const SOURCE: Choice<SourceSelection> = {
	field: 'Source',
	options: [
		{ value: 'connect', name: 'Connected Accounts' },
		{ value: 'platform', name: 'Platform Account' },
		{ value: 'both', name: 'Both' },
	],
};

const DELIVERY: Choice<DeliveryKind> = {
	field: 'Delivery',
	options: [
		{ value: 'webhookEndpoints', name: 'Webhook Endpoints' },
		{ value: 'eventDestination', name: 'Event Destination' },
	],
};

const EVENT_PAYLOAD: Choice<EventPayload> = {
	field: 'Event Payload',
	options: [
		{ value: 'snapshot', name: 'Snapshot' },
		{ value: 'thin', name: 'Thin' },
	],
};

/**
 * Reads an options parameter strictly: a value (typed, imported or from an expression) that is not
 * one of the options is an error naming the field and the allowed values, never a default.
 */
export function readChoice<T extends string>(
	value: unknown,
	choice: Choice<T>,
): T | { problem: string } {
	const match = choice.options.find((option) => option.value === value);
	if (match !== undefined) return match.value;
	const allowed = choice.options.map((option) => `${option.name} (${option.value})`).join(', ');
	return {
		problem: `"${choice.field}" is ${JSON.stringify(value) ?? String(value)}. Choose one of: ${allowed}.`,
	};
}

/** The endpoint flavours a "Source" selection needs. */
export function sourcesFor(selection: SourceSelection): EndpointSource[] {
	return selection === 'both' ? ['connect', 'platform'] : [selection];
}

/** Stripe's `events_from` for a "Source" selection: the platform itself, its connected accounts, or both. */
export function eventsFromFor(selection: SourceSelection): string[] {
	if (selection === 'connect') return ['@accounts'];
	if (selection === 'platform') return ['@self'];
	return ['@accounts', '@self'];
}

/** This node's webhook URL (production or test listener), where Stripe must deliver. */
export function webhookUrlOf(context: IHookFunctions): string {
	const url = context.getNodeWebhookUrl('default');
	if (url === undefined || url === '') {
		throw new NodeOperationError(
			context.getNode(),
			'n8n did not provide a webhook URL for this node.',
		);
	}
	return url;
}

function chosen<T extends string>(context: IHookFunctions, value: T | { problem: string }): T {
	if (typeof value === 'object') throw new NodeOperationError(context.getNode(), value.problem);
	return value;
}

/**
 * Reads and checks everything activation needs before any request to Stripe: the source, delivery
 * and payload choices, at least one event, a signature tolerance of 1–600 s, options that are on or
 * off, and a well-formed account filter. Each problem stops activation with a message naming the field.
 */
export async function readActivationSettings(context: IHookFunctions): Promise<ActivationSettings> {
	const source = chosen(context, readChoice(context.getNodeParameter('source', 'connect'), SOURCE));
	const delivery = chosen(
		context,
		readChoice(context.getNodeParameter('delivery', 'webhookEndpoints'), DELIVERY),
	);
	const payload =
		delivery === 'eventDestination'
			? chosen(
					context,
					readChoice(context.getNodeParameter('eventPayload', 'snapshot'), EVENT_PAYLOAD),
				)
			: 'snapshot';
	const events = enabledEventsFor(context.getNodeParameter('events', []) as string[], payload);
	if (events.length === 0) {
		throw new NodeOperationError(
			context.getNode(),
			'No events are selected. Choose at least one event in "Trigger On" (or "All Events").',
		);
	}
	const options = readTriggerOptions(context.getNodeParameter('options', {}));
	if ('problem' in options) throw new NodeOperationError(context.getNode(), options.problem);
	if (source !== 'platform') {
		const accountFilter = parseAccountFilter(context.getNodeParameter('accountIds', ''));
		if ('problem' in accountFilter) {
			throw new NodeOperationError(context.getNode(), accountFilter.problem);
		}
	}
	return {
		url: webhookUrlOf(context),
		source,
		sources: sourcesFor(source),
		delivery,
		payload,
		events,
		apiVersion: await credentialApiVersion(context),
	};
}
