import { StripeApiError } from './errors';

/** A planned failure for the next matching requests. */
export interface FaultSpec {
	status: 409 | 429 | 500 | 502 | 503 | number;
	/** How many matching requests fail (default 1). */
	times?: number;
	/** Sets `Stripe-Should-Retry: true|false` on the failed responses. */
	shouldRetry?: boolean;
	/** Runs the request first (its effects persist, and the error is what its idempotency key stores). */
	afterExecution?: boolean;
	match?: { method?: string; path?: string | RegExp };
}

interface ActiveFault extends FaultSpec {
	remaining: number;
}

/** Holds planned failures and hands each matching request the next one. */
export class FaultInjector {
	private faults: ActiveFault[] = [];

	/** Plans `times` failures for requests matching `match` (all requests when omitted). */
	add(spec: FaultSpec): void {
		this.faults.push({ ...spec, remaining: spec.times ?? 1 });
	}

	/** Drops every planned failure. */
	clear(): void {
		this.faults = [];
	}

	/** Takes the fault (if any) that applies to this request. */
	take(method: string, path: string): FaultSpec | undefined {
		const fault = this.faults.find((candidate) => {
			const { match } = candidate;
			if (match?.method && match.method.toUpperCase() !== method) return false;
			if (match?.path instanceof RegExp) return match.path.test(path);
			if (typeof match?.path === 'string') return match.path === path;
			return true;
		});
		if (!fault) return undefined;
		fault.remaining -= 1;
		if (fault.remaining <= 0) this.faults = this.faults.filter((candidate) => candidate !== fault);
		return fault;
	}
}

/** The error Stripe answers with the fault's status. */
export function faultError(fault: FaultSpec): StripeApiError {
	const headers: Record<string, string> =
		fault.shouldRetry === undefined ? {} : { 'Stripe-Should-Retry': String(fault.shouldRetry) };
	if (fault.status === 429) {
		return new StripeApiError(
			429,
			{
				type: 'invalid_request_error',
				code: 'rate_limit',
				doc_url: 'https://stripe.com/docs/error-codes/rate-limit',
				message:
					'Request rate limit exceeded. Learn more about rate limits here https://stripe.com/docs/rate-limits.',
			},
			headers,
		);
	}
	if (fault.status === 409) {
		return new StripeApiError(
			409,
			{
				type: 'invalid_request_error',
				code: 'lock_timeout',
				doc_url: 'https://stripe.com/docs/error-codes/lock-timeout',
				message:
					'This object cannot be accessed right now because another API request or Stripe process is currently accessing it. If you see this error intermittently, retry the request. If you see this error frequently and are making multiple concurrent requests to a single object, make your requests serially or at a lower rate.',
			},
			headers,
		);
	}
	if (fault.status >= 500) {
		return new StripeApiError(
			fault.status,
			{ type: 'api_error', message: 'An unknown error occurred' },
			headers,
		);
	}
	return new StripeApiError(
		fault.status,
		{ type: 'invalid_request_error', message: `Injected failure with status ${fault.status}.` },
		headers,
	);
}

/** A token bucket refilled with `ratePerSecond` tokens per second, shared by all of the platform's requests. */
export class RateLimiter {
	/** A burst of one second's worth of requests (at least one) is allowed. */
	private readonly capacity: number;
	private tokens: number;
	private updatedAt: number;

	constructor(
		private readonly ratePerSecond: number,
		private readonly clockMs: () => number = Date.now,
	) {
		this.capacity = Math.max(1, ratePerSecond);
		this.tokens = this.capacity;
		this.updatedAt = clockMs();
	}

	/** Takes a token; false when the request is over the limit. */
	tryTake(): boolean {
		const now = this.clockMs();
		const refill = ((now - this.updatedAt) / 1000) * this.ratePerSecond;
		this.tokens = Math.min(this.capacity, this.tokens + refill);
		this.updatedAt = now;
		if (this.tokens < 1) return false;
		this.tokens -= 1;
		return true;
	}
}

/** The 429 Stripe answers when the rate limit is exceeded. */
export function rateLimitError(): StripeApiError {
	const error = faultError({ status: 429 });
	return new StripeApiError(429, error.body, { 'Stripe-Rate-Limited-Reason': 'global-rate' });
}
