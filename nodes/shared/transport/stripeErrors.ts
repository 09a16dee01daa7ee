import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { StripeInputError } from '../validation';

/** The fields of Stripe's error object the node passes on. */
export interface StripeErrorDetails {
	message: string;
	type?: string;
	code?: string;
	decline_code?: string;
	param?: string;
	doc_url?: string;
	request_id?: string;
	status_code?: number;
	/** Stripe answered with the stored result of an earlier request with the same Idempotency-Key. */
	idempotent_replayed?: boolean;
}

/**
 * Node fields that Stripe's `param` values point at, so an error can say which field to fix.
 * Keys are Stripe's own parameter names (top level, before any bracket).
 */
export const STRIPE_PARAM_FIELDS: Record<string, string> = {
	account: 'Account ID',
	amount: 'Amount',
	amount_to_capture: 'Amount to Capture',
	application_fee_amount: 'Application Fee',
	business_profile: 'Business Profile',
	business_type: 'Business Type',
	capabilities: 'Requested Capabilities',
	charge: 'Charge ID',
	country: 'Country',
	currency: 'Currency',
	description: 'Description',
	destination: 'Destination Account',
	email: 'Email',
	evidence: 'Evidence',
	expand: 'Expand',
	metadata: 'Metadata',
	method: 'Method',
	on_behalf_of: 'On Behalf Of',
	payment_intent: 'Payment Intent ID',
	reason: 'Reason',
	refresh_url: 'Refresh URL',
	return_url: 'Return URL',
	settings: 'Payout Schedule',
	source_transaction: 'Source Transaction',
	transfer_data: 'Destination Account',
	'transfer_data.amount': 'Transfer Amount',
	transfer_group: 'Transfer Group',
	type: 'Type',
};

/** Pulls Stripe's error fields out of a response body and headers (any shape, never throws). */
export function readStripeError(
	statusCode: number | undefined,
	body: unknown,
	headers: Record<string, unknown> | undefined,
): StripeErrorDetails {
	const error =
		body && typeof body === 'object' && 'error' in body && typeof body.error === 'object'
			? (body.error as Record<string, unknown>)
			: {};
	const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);
	const requestId = text(headers?.['request-id']);
	const replayed = text(headers?.['idempotent-replayed']) === 'true';
	return {
		message:
			text(error.message) ??
			(statusCode === undefined
				? 'Stripe could not be reached'
				: `Stripe answered HTTP ${statusCode} without an error message`),
		type: text(error.type),
		code: text(error.code),
		decline_code: text(error.decline_code),
		param: text(error.param),
		doc_url: text(error.doc_url),
		request_id: requestId,
		status_code: statusCode,
		...(replayed ? { idempotent_replayed: true } : {}),
	};
}

/**
 * The node field a Stripe error points at, when it can be told. v1 names parameters with brackets
 * (`transfer_data[destination]`), v2 with dots (`identity.country`); the most specific name the
 * node knows wins (`identity.country` → Country, else `identity` → Identity).
 */
export function fieldForStripeParam(
	param: string | undefined,
	paramFields: Record<string, string> = STRIPE_PARAM_FIELDS,
): string | undefined {
	if (!param) return undefined;
	const segments = param.replace(/\]/g, '').split(/[[.]/);
	for (let length = segments.length; length > 0; length--) {
		const field = paramFields[segments.slice(0, length).join('.')];
		if (field !== undefined) return field;
	}
	return undefined;
}

function whatToFix(
	details: StripeErrorDetails,
	paramFields: Record<string, string>,
): string | undefined {
	if (details.idempotent_replayed) {
		return 'This is the stored answer of an earlier request with the same Idempotency-Key, replayed by Stripe for 24 hours. After fixing the cause, send the item with a different key: Options → Idempotency → New Key per Execution, or change the item.';
	}
	const field = fieldForStripeParam(details.param, paramFields);
	if (field) return `Check the "${field}" field (Stripe parameter "${details.param}").`;
	// v1 says resource_missing, v2 not_found.
	if (details.code === 'resource_missing' || details.code === 'not_found') {
		return 'Check the ID fields of this operation, and the Connected Account option: the object must exist on that account.';
	}
	if (details.status_code === 401)
		return 'Check the Secret Key of the Stripe Connect API credential.';
	if (details.type === 'idempotency_error') {
		return 'The Idempotency Key was already used with different parameters. Leave the Idempotency Key option empty to derive one per execution and item.';
	}
	return undefined;
}

/**
 * The one error-mapping path: turns a Stripe error answer into a NodeApiError whose message is
 * Stripe's own, whose description lists type, code, decline code, param, docs and request ID and says
 * which field to fix, and whose `context.stripe` carries the same fields for expressions.
 * `paramFields` names the fields of the calling node (the Stripe Connect node's by default); a
 * trigger's activation has no item, so its `itemIndex` is undefined.
 */
export function stripeApiError(
	node: INode,
	details: StripeErrorDetails,
	itemIndex: number | undefined,
	paramFields: Record<string, string> = STRIPE_PARAM_FIELDS,
): NodeApiError {
	const fix = whatToFix(details, paramFields);
	const parts = [
		details.type && `Type: ${details.type}`,
		details.code && `Code: ${details.code}`,
		details.decline_code && `Decline code: ${details.decline_code}`,
		details.param && `Parameter: ${details.param}`,
		details.idempotent_replayed &&
			'Replayed: yes (Stripe returned the first answer for this Idempotency-Key)',
		fix && `Fix: ${fix}`,
		details.doc_url && `Docs: ${details.doc_url}`,
		details.request_id && `Request ID: ${details.request_id}`,
	].filter(Boolean);
	const error = new NodeApiError(node, { ...details } as unknown as JsonObject, {
		message: details.message,
		description: parts.join('\n'),
		httpCode: details.status_code === undefined ? undefined : String(details.status_code),
		itemIndex,
	});
	error.context.stripe = {
		...details,
		field_to_fix: fieldForStripeParam(details.param, paramFields) ?? null,
	};
	return error;
}

/** Turns a StripeInputError (bad field, caught before sending) into a NodeOperationError for that item. */
export function inputProblemError(node: INode, problem: StripeInputError, itemIndex: number) {
	return new NodeOperationError(node, problem.message, {
		itemIndex,
		description: `Nothing was sent to Stripe. Fix the "${problem.field}" field and run again.`,
	});
}
