import {
	backoffDelayMs,
	classifyStripeFailure,
	RETRY_BASE_DELAY_MS,
	RETRY_MAX_DELAY_MS,
	type RetryVerdict,
} from '../../nodes/shared/transport/retryPolicy';
import { failedAttemptOf, stripeErrorHeader, stripeErrorOf } from './stripeErrors';

/** Options of a RequestBudget. */
export interface RequestBudgetOptions {
	requestsPerSecond: number;
	maxConcurrency: number;
	/** Attempts per call, including the first. */
	maxAttempts: number;
	baseDelayMs?: number;
	maxDelayMs?: number;
	/** The lowest rate 429s may push the budget down to. */
	minRequestsPerSecond?: number;
	/** Decides what a failure means; by default the repository's one retry policy on the SDK's errors. */
	classify?: (error: unknown) => RetryVerdict;
	random?: () => number;
	sleep?: (ms: number) => Promise<void>;
	now?: () => number;
	onRetry?: (info: RetryInfo) => void;
}

/** Reported before each retry, for logs. */
export interface RetryInfo {
	label: string;
	attempt: number;
	delayMs: number;
	verdict: RetryVerdict;
	statusCode: number | undefined;
	requestId: string | undefined;
	rateLimitedReason: string | undefined;
}

/** Counters of the calls a budget made. */
export interface RequestBudgetStats {
	/** Every HTTP request sent, retries included: what Stripe counts. */
	apiCalls: number;
	retries: number;
	rateLimited: number;
	serverErrors: number;
	currentRequestsPerSecond: number;
}

/**
 * The repository's retry policy (nodes/shared/transport/retryPolicy.ts) applied to the SDK's errors:
 * `Stripe-Should-Retry` decides when Stripe sends it, also on a 429; otherwise a 429 slows the
 * budget down and is retried, 409 and 5xx and lost connections are retried, the rest fails.
 */
export function classifyStripeError(error: unknown): RetryVerdict {
	return classifyStripeFailure(failedAttemptOf(error));
}

/**
 * A requests-per-second pacer plus a concurrency limit shared by every call of a job. Calls are
 * spaced evenly at the current rate; a 429 halves the rate, successes raise it back towards the
 * configured one; retries wait with exponential backoff and jitter (half fixed, half random).
 */
export class RequestBudget {
	private readonly targetRate: number;
	private readonly minRate: number;
	private rate: number;
	private nextSlotAt = 0;
	private active = 0;
	private readonly waiting: Array<() => void> = [];
	private readonly counters = { apiCalls: 0, retries: 0, rateLimited: 0, serverErrors: 0 };
	private readonly classify: (error: unknown) => RetryVerdict;
	private readonly random: () => number;
	private readonly sleep: (ms: number) => Promise<void>;
	private readonly now: () => number;

	constructor(private readonly options: RequestBudgetOptions) {
		if (!(options.requestsPerSecond > 0)) throw new RangeError('requestsPerSecond must be > 0');
		if (!(options.maxConcurrency >= 1)) throw new RangeError('maxConcurrency must be >= 1');
		if (!(options.maxAttempts >= 1)) throw new RangeError('maxAttempts must be >= 1');
		this.targetRate = options.requestsPerSecond;
		this.minRate = Math.min(options.minRequestsPerSecond ?? 1, this.targetRate);
		this.rate = this.targetRate;
		this.classify = options.classify ?? classifyStripeError;
		this.random = options.random ?? Math.random;
		this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
		this.now = options.now ?? Date.now;
	}

	/** Runs one API call under the budget, retrying what Stripe says may be retried. */
	async call<T>(label: string, request: () => Promise<T>): Promise<T> {
		for (let attempt = 1; ; attempt++) {
			let retryAfterMs: number;
			await this.acquireConcurrency();
			try {
				await this.waitForRateSlot();
				this.counters.apiCalls++;
				const result = await request();
				this.rate = Math.min(this.targetRate, this.rate + Math.max(0.5, this.targetRate / 20));
				return result;
			} catch (error) {
				const verdict = this.classify(error);
				const stripeError = stripeErrorOf(error);
				const statusCode = stripeError?.statusCode;
				if (statusCode === 429) this.counters.rateLimited++;
				if (statusCode !== undefined && statusCode >= 500) this.counters.serverErrors++;
				if (verdict === 'fail' || attempt >= this.options.maxAttempts) throw error;
				if (verdict === 'slowDown') this.rate = Math.max(this.minRate, this.rate / 2);
				retryAfterMs = this.backoffMs(attempt);
				this.counters.retries++;
				this.options.onRetry?.({
					label,
					attempt,
					delayMs: retryAfterMs,
					verdict,
					statusCode,
					requestId: stripeError?.requestId,
					rateLimitedReason:
						stripeError === undefined
							? undefined
							: stripeErrorHeader(stripeError, 'stripe-rate-limited-reason'),
				});
			} finally {
				this.releaseConcurrency();
			}
			await this.sleep(retryAfterMs);
		}
	}

	/** How many calls may be in flight at once: callers size their own worker pools by it. */
	get concurrencyLimit(): number {
		return this.options.maxConcurrency;
	}

	/** Counters so far. */
	stats(): RequestBudgetStats {
		return { ...this.counters, currentRequestsPerSecond: this.rate };
	}

	private backoffMs(attempt: number): number {
		return backoffDelayMs(attempt - 1, this.random, {
			baseMs: this.options.baseDelayMs ?? RETRY_BASE_DELAY_MS,
			maxMs: this.options.maxDelayMs ?? RETRY_MAX_DELAY_MS,
		});
	}

	private async acquireConcurrency(): Promise<void> {
		if (this.active < this.options.maxConcurrency) {
			this.active++;
			return;
		}
		// The releasing call hands its slot over directly, so `active` stays at the limit.
		await new Promise<void>((resolve) => this.waiting.push(resolve));
	}

	private releaseConcurrency(): void {
		const next = this.waiting.shift();
		if (next) next();
		else this.active--;
	}

	private async waitForRateSlot(): Promise<void> {
		const now = this.now();
		const slot = Math.max(now, this.nextSlotAt);
		this.nextSlotAt = slot + 1000 / this.rate;
		if (slot > now) await this.sleep(slot - now);
	}
}
