import { invalidRequest, StripeApiError } from './errors';

/** A stored first result, replayed for later requests with the same key. */
export interface StoredResponse {
	status: number;
	body: unknown;
	headers: Record<string, string>;
}

interface Entry {
	fingerprint: string;
	response?: StoredResponse;
}

/** Stripe's limit on Idempotency-Key length. */
export const MAX_IDEMPOTENCY_KEY_LENGTH = 255;

/**
 * Idempotency keys scoped per API key and account. The first result of a key (success or an error
 * raised once execution began) is replayed; the same key with other parameters is refused (400 in
 * v1, 409 in v2). v2 keeps only successes: Stripe's v2 "retries any failed request without side
 * effects", so a key whose request failed runs again (see `forget`).
 */
export class IdempotencyStore {
	private readonly entries = new Map<string, Entry>();

	/** Checks a key; returns the stored response to replay, or undefined when the request should run. */
	begin(
		scope: string,
		key: string,
		fingerprint: string,
		mismatchStatus: 400 | 409 = 400,
	): StoredResponse | undefined {
		if (key.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
			throw invalidRequest(
				`Invalid Idempotency-Key: must be at most ${MAX_IDEMPOTENCY_KEY_LENGTH} characters long.`,
				undefined,
				'Idempotency-Key',
			);
		}
		const entry = this.entries.get(`${scope}\n${key}`);
		if (!entry) {
			this.entries.set(`${scope}\n${key}`, { fingerprint });
			return undefined;
		}
		if (entry.fingerprint !== fingerprint) {
			throw new StripeApiError(mismatchStatus, {
				type: 'idempotency_error',
				message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
			});
		}
		if (!entry.response) {
			throw new StripeApiError(409, {
				type: 'idempotency_error',
				message: `There is currently another in-progress request using this Idempotent Key (that probably means you submitted twice, and the other request is still going through): ${key}. Please try again later.`,
			});
		}
		return entry.response;
	}

	/** Stores the first result of a key. */
	complete(scope: string, key: string, response: StoredResponse): void {
		const entry = this.entries.get(`${scope}\n${key}`);
		if (entry) entry.response = response;
	}

	/** Forgets a key whose request never began executing (validation errors are not stored). */
	abandon(scope: string, key: string): void {
		const entry = this.entries.get(`${scope}\n${key}`);
		if (entry && !entry.response) this.entries.delete(`${scope}\n${key}`);
	}

	/** Forgets a key whatever it holds, so the next request with it runs again (v2 failures). */
	forget(scope: string, key: string): void {
		this.entries.delete(`${scope}\n${key}`);
	}
}
