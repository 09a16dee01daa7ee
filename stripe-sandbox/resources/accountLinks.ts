import { invalidRequest } from '../errors';
import type { RouteTable } from '../types';
import { accountFromParam } from './accounts';

const ACCOUNT_LINK_LIFETIME_SECONDS = 300;

/** Routes for account links: the hosted onboarding (or update) URL of a connected account. */
export const accountLinkRoutes: RouteTable = {
	'POST /v1/account_links': ({ core, params }) => {
		const account = accountFromParam(core, String(params.account));
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
};
