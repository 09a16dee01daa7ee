import type { INodeProperties } from 'n8n-workflow';

import type { InputCheck } from '../../shared/inputChecks';
import { STRIPE_ID_PREFIXES } from '../../shared/validation';

/** What an ID filter of a list operation is called in the node and on the wire. */
export interface IdFilterSpec {
	/** Option name inside Filters, e.g. `paymentIntent`. */
	name: string;
	displayName: string;
	placeholder: string;
	prefixes: readonly string[];
	/** Stripe's query parameter, e.g. `payment_intent`. */
	property: string;
	description?: string;
}

/**
 * An optional ID filter: its option in the Filters collection and the check that validates the ID
 * and sends it in the query, built from one spec so the two cannot drift apart.
 */
export function idFilter(spec: IdFilterSpec): { option: INodeProperties; check: InputCheck } {
	const option: INodeProperties = {
		displayName: spec.displayName,
		name: spec.name,
		type: 'string',
		default: '',
		placeholder: spec.placeholder,
	};
	if (spec.description !== undefined) option.description = spec.description;
	return {
		option,
		check: {
			kind: 'id',
			parameter: `filters.${spec.name}`,
			field: `Filters → ${spec.displayName}`,
			prefixes: spec.prefixes,
			optional: true,
			target: 'qs',
			property: spec.property,
		},
	};
}

/** Filters → Charge: only objects of this charge (`charge` in the query). */
export function chargeIdFilter() {
	return idFilter({
		name: 'charge',
		displayName: 'Charge',
		placeholder: 'ch_…',
		prefixes: STRIPE_ID_PREFIXES.charge,
		property: 'charge',
	});
}

/** Filters → Payment Intent: only objects of this payment intent (`payment_intent` in the query). */
export function paymentIntentIdFilter() {
	return idFilter({
		name: 'paymentIntent',
		displayName: 'Payment Intent',
		placeholder: 'pi_…',
		prefixes: STRIPE_ID_PREFIXES.paymentIntent,
		property: 'payment_intent',
	});
}
