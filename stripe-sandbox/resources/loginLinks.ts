import { invalidRequest } from '../errors';
import type { RouteTable } from '../types';

/** Routes for login links: the Express dashboard sign-in URL of an Express account. */
export const loginLinkRoutes: RouteTable = {
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
};
