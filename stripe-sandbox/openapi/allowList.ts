import type { OpenApiSchema } from './spec';

/**
 * Request parameters Stripe added after the 2024-04-10 spec the sandbox validates against. Each
 * entry names the operation (`METHOD /v1/template`) and the extra top-level parameters it accepts.
 * Keep this list short and explain each addition; anything not here is validated by the spec alone.
 */
export const REQUEST_PARAMETERS_NEWER_THAN_SPEC: Record<string, Record<string, OpenApiSchema>> = {
	// Payouts to a saved payout method (v2 payout methods, 2025); stripe-node 23 types carry it.
	'POST /v1/payouts': { payout_method: { type: 'string', maxLength: 5000 } },
};

/**
 * Response fields Stripe added after the 2024-04-10 spec, per component schema. Objects the
 * sandbox returns may carry these fields in addition to the spec's properties.
 */
export const RESPONSE_FIELDS_NEWER_THAN_SPEC: Record<string, string[]> = {
	// `payout.trace_id` (2024-06) and `payout.payout_method` (2025) appear in stripe-node 23 types.
	payout: ['trace_id', 'payout_method'],
};

/**
 * Enum values newer than the spec, by top-level parameter name. The spec marks these enums
 * `x-stripeBypassValidation` (Stripe adds values over time); anything else outside the enum fails.
 */
export const ENUM_VALUES_NEWER_THAN_SPEC: Record<string, Array<string | RegExp>> = {
	// API versions after 2024-04-10, e.g. '2026-10-28.endive' pinned by stripe-node 23.
	api_version: [/^\d{4}-\d{2}-\d{2}(\.[a-z]+)?$/],
	// Event types Stripe added after the spec that Connect platforms subscribe to.
	enabled_events: ['account.application.authorized', 'balance_settings.updated'],
};
