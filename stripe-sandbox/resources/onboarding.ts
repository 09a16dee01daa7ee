import { invalidRequest, missingReference } from '../errors';
import type { SandboxCore } from '../core';
import type { StripeObject } from '../store';
import { objectDefinition } from '../definitions/loadDefinitions';
import type { RouteTable } from '../router';

const ACCOUNT_LINK_LIFETIME_SECONDS = 300;

function accountParam(core: SandboxCore, id: string): StripeObject {
	const account = id === core.platformAccountId ? undefined : core.account(id);
	if (!account) throw missingReference('account', id, 'account');
	return account;
}
const ACCOUNT_SESSION_LIFETIME_SECONDS = 1800;

/** Every embedded component Stripe's account_session lists, enabled only where requested. */
function sessionComponents(
	requested: Record<string, { enabled?: boolean; features?: Record<string, boolean> }>,
) {
	const components = objectDefinition('account_session', 'components');
	return Object.fromEntries(
		Object.keys(components.properties).map((name) => {
			const featureSchema = objectDefinition('account_session', 'components', name, 'features');
			const asked = requested[name] ?? {};
			const features = Object.fromEntries(
				Object.keys(featureSchema.properties).map((feature) => [
					feature,
					asked.features?.[feature] ?? false,
				]),
			);
			return [name, { enabled: asked.enabled === true, features }];
		}),
	);
}

/** Routes for onboarding: account links, Express dashboard login links, embedded account sessions. */
export const onboardingRoutes: RouteTable = {
	'POST /v1/account_links': ({ core, params }) => {
		const account = accountParam(core, String(params.account));
		if (
			params.type === 'account_onboarding' &&
			(typeof params.refresh_url !== 'string' || typeof params.return_url !== 'string')
		) {
			throw invalidRequest(
				'Missing required param: return_url.',
				'parameter_missing',
				typeof params.refresh_url !== 'string' ? 'refresh_url' : 'return_url',
			);
		}
		const kind = params.type === 'account_update' ? 'update' : 'onboarding';
		return {
			object: 'account_link',
			created: core.now(),
			expires_at: core.now() + ACCOUNT_LINK_LIFETIME_SECONDS,
			url: `https://connect.stripe.com/setup/${account.type === 'standard' ? 's' : 'e'}/${account.id}/${kind}_${core.ids.token(12)}`,
		};
	},
	'POST /v1/accounts/{account}/login_links': ({ core, pathParams }) => {
		const account = core.requireConnectedAccount(pathParams.account);
		if (account.type !== 'express') {
			throw invalidRequest(
				'Cannot create a login link for an account that is not an Express account.',
				undefined,
				'account',
			);
		}
		return {
			object: 'login_link',
			created: core.now(),
			url: `https://connect.stripe.com/express/${account.id}/${core.ids.token(12)}`,
		};
	},
	'POST /v1/account_sessions': ({ core, params }) => {
		const account = accountParam(core, String(params.account));
		return {
			object: 'account_session',
			account: account.id,
			client_secret: `accs_secret__${core.ids.token(40)}`,
			components: sessionComponents(
				params.components as Record<
					string,
					{ enabled?: boolean; features?: Record<string, boolean> }
				>,
			),
			expires_at: core.now() + ACCOUNT_SESSION_LIFETIME_SECONDS,
			livemode: false,
		};
	},
};
