/**
 * The Stripe API version this package is tested against. It is the version pinned by the `stripe`
 * SDK the Lambda jobs use, so the nodes and the jobs speak the same API (a test keeps them equal).
 */
export const TESTED_STRIPE_API_VERSION = '2026-10-28.endive';

/** Stripe's production API host; the credential's base URL can point elsewhere (the sandbox). */
export const DEFAULT_STRIPE_BASE_URL = 'https://api.stripe.com';

const SECRET_OR_RESTRICTED_KEY = /^(sk|rk)_(test|live)_[A-Za-z0-9]{8,247}$/;

/**
 * Says what is wrong with a Stripe API key, or returns undefined when it is a well-formed secret
 * (`sk_`) or restricted (`rk_`) key. The message never repeats the key itself.
 */
export function describeStripeKeyProblem(key: unknown): string | undefined {
	if (typeof key !== 'string' || key.trim() === '') {
		return 'The Stripe API key is empty. Paste a secret key (sk_test_… or sk_live_…) or a restricted key (rk_…) from Stripe Dashboard → Developers → API keys.';
	}
	if (key !== key.trim()) {
		return 'The Stripe API key has spaces or line breaks around it. Paste the key again without them.';
	}
	if (/^pk_/.test(key)) {
		return 'This is a publishable key (pk_…), which cannot call the API. Use a secret key (sk_…) or a restricted key (rk_…).';
	}
	if (/^whsec_/.test(key)) {
		return 'This is a webhook signing secret (whsec_…), not an API key. Use a secret key (sk_…) or a restricted key (rk_…).';
	}
	if (!SECRET_OR_RESTRICTED_KEY.test(key)) {
		return 'The Stripe API key is malformed. It must start with sk_test_, sk_live_, rk_test_ or rk_live_ followed by letters and digits.';
	}
	return undefined;
}

/** The API version a credential pins (sent as Stripe-Version), or undefined for the account default. */
export function pinnedApiVersion(credentials: { apiVersion?: unknown }): string | undefined {
	const version = String(credentials.apiVersion ?? '').trim();
	return version === '' ? undefined : version;
}

/** True for live-mode keys, which move real money. */
export function isLiveModeKey(key: string): boolean {
	return /^(sk|rk)_live_/.test(key);
}

/**
 * The headers every Stripe request authenticates with: the key as a bearer token and the pinned API
 * version. The credential's `authenticate` and its test both use them. Throws when the key is malformed.
 */
export function stripeAuthHeaders(credentials: {
	secretKey?: unknown;
	apiVersion?: unknown;
}): Record<string, string> {
	const problem = describeStripeKeyProblem(credentials.secretKey);
	if (problem) throw new Error(problem);
	const headers: Record<string, string> = {
		Authorization: `Bearer ${credentials.secretKey as string}`,
	};
	const apiVersion = pinnedApiVersion(credentials);
	if (apiVersion !== undefined) headers['Stripe-Version'] = apiVersion;
	return headers;
}
