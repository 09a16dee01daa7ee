import { isStripeId } from './stripeIds';

/**
 * Parses the "Connected Account IDs" filter (commas, spaces or line breaks between ids). Returns the
 * ids, or a message naming the first entry that is not an `acct_…` id.
 */
export function parseAccountFilter(raw: unknown): { ids: string[] } | { problem: string } {
	const entries = String(raw ?? '')
		.split(/[\s,]+/)
		.filter((entry) => entry !== '');
	const invalid = entries.find((entry) => !isStripeId(entry, 'acct_'));
	if (invalid !== undefined) {
		return {
			problem: `"${invalid}" in Connected Account IDs is not a connected account id. Use ids like acct_1AbC…, separated by commas.`,
		};
	}
	return { ids: [...new Set(entries)] };
}
