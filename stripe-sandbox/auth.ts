import type { SandboxCore } from './core';
import { invalidRequest, redactKey, StripeApiError } from './errors';

const TEST_KEY = /^(sk|rk)_test_[A-Za-z0-9]{8,247}$/;

/** Reads the API key from `Authorization: Bearer …` or Basic auth (`curl -u sk_test_…:`). */
export function apiKeyFromHeader(authorization: string | undefined): string | undefined {
	if (!authorization) return undefined;
	const [scheme, value] = authorization.split(' ', 2);
	if (/^bearer$/i.test(scheme)) return value?.trim();
	if (/^basic$/i.test(scheme) && value)
		return Buffer.from(value, 'base64').toString('utf8').split(':')[0];
	return undefined;
}

/** Checks the key as Stripe does: any well-formed sk_test_ key is the platform; rk_test_ keys must be registered. */
export function authenticate(core: SandboxCore, key: string | undefined): void {
	if (!key) {
		throw new StripeApiError(401, {
			type: 'authentication_error',
			message:
				"You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, or we can help at https://support.stripe.com/.",
		});
	}
	const known = TEST_KEY.test(key) && (key.startsWith('sk_') || core.restrictedKeys.has(key));
	if (!known) {
		throw new StripeApiError(401, {
			type: 'authentication_error',
			code: 'api_key_invalid',
			message: `Invalid API Key provided: ${redactKey(key)}`,
		});
	}
}

const PERMISSION_RESOURCES: Record<string, string> = {
	balance_transactions: 'balance',
	account: 'accounts',
	account_links: 'accounts',
	account_sessions: 'accounts',
};

/** The permission a restricted key needs for a request, e.g. `payouts_write` or `balance_read`. */
export function requiredPermission(method: string, template: string): string {
	const segment = template.split('/')[2] ?? '';
	const resource = PERMISSION_RESOURCES[segment] ?? segment;
	return `${resource}_${method === 'GET' ? 'read' : 'write'}`;
}

/** Refuses a restricted key that lacks the permission, with Stripe's 403 wording. */
export function authorize(
	core: SandboxCore,
	key: string,
	account: string,
	method: string,
	template: string,
): void {
	const permissions = core.restrictedKeys.get(key);
	if (!permissions) return;
	if (template.startsWith('/v2/')) {
		// Stripe: "You can only access APIs in the /v2 namespace with secret keys."
		throw new StripeApiError(403, {
			type: 'invalid_request_error',
			code: 'secret_key_required',
			message: `Restricted keys cannot call API v2 endpoints; the provided key '${redactKey(key)}' is restricted. Use a secret key (sk_…) for ${template}.`,
		});
	}
	const needed = requiredPermission(method, template);
	const writeVariant = needed.replace(/_read$/, '_write');
	if (permissions.has(needed) || permissions.has(writeVariant)) return;
	throw new StripeApiError(403, {
		type: 'invalid_request_error',
		message: `The provided key '${redactKey(key)}' does not have the required permissions for this endpoint on account '${account}'. Having the 'rak_${needed}' permission would allow this request to continue.`,
	});
}

/** Refuses a Stripe-Account header naming an account the platform does not have. */
export function accountInvalid(key: string, account: string): StripeApiError {
	return new StripeApiError(403, {
		type: 'invalid_request_error',
		code: 'account_invalid',
		doc_url: 'https://stripe.com/docs/error-codes/account-invalid',
		message: `The provided key '${redactKey(key)}' does not have access to account '${account}' (or that account does not exist). Application access may have been revoked.`,
	});
}

/**
 * The account a request acts as. `Stripe-Account: acct_…` (v1's header) and `Stripe-Context`
 * (`acct_…`, or `<platform>/acct_…` as seen from an organization key) both name a connected account
 * of the platform, v1 or v2; Stripe refuses the two together. Unknown accounts answer 403.
 */
export function actingAccount(
	core: SandboxCore,
	key: string,
	headers: { stripeAccount: string | undefined; stripeContext: string | undefined },
): string {
	const { stripeAccount, stripeContext } = headers;
	if (stripeAccount && stripeContext) {
		throw invalidRequest(
			'You cannot send both the Stripe-Account and Stripe-Context headers. Send Stripe-Context alone (it also names connected accounts), or Stripe-Account alone.',
			'stripe_context_with_stripe_account',
			'Stripe-Context',
		);
	}
	const named = stripeAccount ?? contextAccount(core, stripeContext);
	if (!named || named === core.platformAccountId) return core.platformAccountId;
	if (!core.account(named)) throw accountInvalid(key, named);
	return named;
}

function contextAccount(core: SandboxCore, context: string | undefined): string | undefined {
	if (!context) return undefined;
	const segments = context.split('/');
	if (segments.length === 2 && segments[0] === core.platformAccountId) return segments[1];
	if (segments.length === 1) return segments[0];
	throw invalidRequest(
		`Invalid Stripe-Context '${context}': use a connected account id (acct_…) or '${core.platformAccountId}/acct_…'.`,
		'invalid_stripe_context',
		'Stripe-Context',
	);
}
