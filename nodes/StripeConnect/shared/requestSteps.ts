import { StripeInputError } from '../../shared/validation';
import type { RequestStep } from './parameters';

/** A field a step names: its parameter path and how errors name it. */
export interface NamedField {
	parameter: string;
	field: string;
}

/**
 * A step that refuses two fields set together where Stripe takes one or the other (e.g. an event
 * list's `type` and `types[]`): both were given on purpose, so neither is dropped silently.
 */
export function refuseTogether(first: NamedField, second: NamedField, fix: string): RequestStep {
	return (_reader, draft) => {
		if (!draft.values.has(first.parameter) || !draft.values.has(second.parameter)) return;
		throw new StripeInputError(`${first.field} and ${second.field}`, `are both set. ${fix}`);
	};
}

/**
 * A step refusing a parameter that a workflow saved with an older version of the node may still
 * hold (e.g. account `type`, which Stripe deprecated for `controller`): the request it meant is not
 * the one the node now sends, so the user is told what to set instead.
 */
export function refuseRetired(
	parameter: string,
	field: string,
	fix: string,
	isRetired: (stored: unknown) => boolean = (stored) => stored !== undefined,
): RequestStep {
	return (reader) => {
		if (isRetired(reader.raw(parameter))) throw new StripeInputError(field, fix);
	};
}
