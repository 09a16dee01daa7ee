import type { IDataObject } from 'n8n-workflow';

import { StripeInputError } from './validation';

/** One metadata row as the node collects it. */
export interface MetadataPair {
	key?: string;
	value?: string | number | boolean;
}

const MAX_KEYS = 50;
const MAX_KEY_LENGTH = 40;
const MAX_VALUE_LENGTH = 500;

/**
 * Builds Stripe's `metadata` parameter: each pair sets a key, a pair with an empty value clears that
 * key (Stripe reads `metadata[key]=` as "unset"), and `clearAll` sends `metadata=` which removes every
 * key before the pairs apply. Enforces Stripe's limits (50 keys, 40-char keys, 500-char values).
 */
export function buildStripeMetadata(
	pairs: readonly MetadataPair[],
	clearAll = false,
): IDataObject | '' | undefined {
	if (clearAll) {
		if (pairs.length > 0) {
			throw new StripeInputError(
				'Metadata',
				'"Clear All Metadata" removes every key, so it cannot be combined with metadata pairs. Remove the pairs, or turn off Clear All Metadata and clear single keys with empty values.',
			);
		}
		return '';
	}
	if (pairs.length === 0) return undefined;
	if (pairs.length > MAX_KEYS) {
		throw new StripeInputError(
			'Metadata',
			`has ${pairs.length} keys; Stripe allows at most ${MAX_KEYS}.`,
		);
	}
	const metadata: IDataObject = {};
	for (const pair of pairs) {
		const key = String(pair.key ?? '').trim();
		if (key === '')
			throw new StripeInputError('Metadata → Key', 'is empty. Give every metadata pair a key.');
		if (key.length > MAX_KEY_LENGTH || key.includes('[') || key.includes(']')) {
			throw new StripeInputError(
				'Metadata → Key',
				`"${key}" must be at most ${MAX_KEY_LENGTH} characters without square brackets.`,
			);
		}
		if (key in metadata) {
			throw new StripeInputError(
				'Metadata → Key',
				`"${key}" appears twice. Keep one pair per key.`,
			);
		}
		const value = pair.value === undefined || pair.value === null ? '' : String(pair.value);
		if (value.length > MAX_VALUE_LENGTH) {
			throw new StripeInputError(
				'Metadata → Value',
				`for "${key}" is ${value.length} characters; Stripe allows at most ${MAX_VALUE_LENGTH}.`,
			);
		}
		metadata[key] = value;
	}
	return metadata;
}
