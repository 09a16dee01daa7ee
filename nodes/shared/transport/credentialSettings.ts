import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { DEFAULT_STRIPE_BASE_URL, isLiveModeKey } from '../stripeApi';
import { StripeInputError } from '../validation';
import {
	LIVE_MODE_REQUESTS_PER_SECOND,
	TEST_MODE_REQUESTS_PER_SECOND,
	type PacingLimits,
} from './pacing';

/*
 * What the Stripe Connect API credential says about where requests go and how fast they may leave:
 * its base URL, and its pacing settings checked as strictly as any node field.
 */

/** The credential's base URL without trailing slashes; Stripe's own host when it is empty. */
export function baseUrlOf(credentials: ICredentialDataDecryptedObject): string {
	const configured = String(credentials.baseUrl ?? '').trim();
	return (configured === '' ? DEFAULT_STRIPE_BASE_URL : configured).replace(/\/+$/, '');
}

function wholeNumberSetting(value: unknown, field: string, fallback: number): number {
	if (value === undefined || value === null || value === '' || value === 0) return fallback;
	const number = typeof value === 'number' ? value : Number.NaN;
	if (!Number.isSafeInteger(number) || number < 0 || number > 10_000) {
		throw new StripeInputError(
			`Stripe Connect API credential → ${field}`,
			`${String(value)} is not a whole number from 0 to 10000 (0 uses the default).`,
		);
	}
	return number;
}

/**
 * The pacing limits of a credential: its Requests per Second, or Stripe's limit for the key's mode
 * (25/s test, 100/s live); its Max Requests in Flight, or as many as one second of requests.
 */
export function pacingLimitsOf(credentials: ICredentialDataDecryptedObject): PacingLimits {
	const live = isLiveModeKey(String(credentials.secretKey ?? ''));
	const requestsPerSecond = wholeNumberSetting(
		credentials.requestsPerSecond,
		'Requests per Second',
		live ? LIVE_MODE_REQUESTS_PER_SECOND : TEST_MODE_REQUESTS_PER_SECOND,
	);
	const maxInFlight = wholeNumberSetting(
		credentials.maxRequestsInFlight,
		'Max Requests in Flight',
		requestsPerSecond,
	);
	return { requestsPerSecond, maxInFlight };
}
