import { rfc3339 } from '../../clock';
import { clone } from '../../core';
import type { V2RouteTable } from '../../types';
import type { JsonObject } from '../../v2/request';
import { invalidField } from '../../v2/request';
import { requireV2Account } from './accountState';

const ACCOUNT_LINK_LIFETIME_SECONDS = 300;

/**
 * The rules of `use_case` the definitions cannot express (they check its type, its options'
 * fields and the required `refresh_url`): the options hash is the one named by `type`, and it is
 * there; URLs are http(s).
 */
function readUseCase(useCase: JsonObject) {
	const type = useCase.type as 'account_onboarding' | 'account_update';
	const other = type === 'account_onboarding' ? 'account_update' : 'account_onboarding';
	if (useCase[other] !== undefined) {
		throw invalidField(
			`use_case.${other}`,
			`use_case.${other} applies only when use_case.type is ${other}; it is ${type}.`,
		);
	}
	const options = useCase[type] as JsonObject | undefined;
	if (!options) {
		throw invalidField(
			`use_case.${type}`,
			`Missing required param: use_case.${type} (with refresh_url).`,
		);
	}
	for (const field of ['refresh_url', 'return_url'] as const) {
		const url = options[field] as string | undefined;
		if (url !== undefined && !/^https?:\/\//.test(url)) {
			throw invalidField(
				`use_case.${type}.${field}`,
				`Invalid use_case.${type}.${field}: expected an http(s) URL.`,
			);
		}
	}
	return { type, useCase: clone(useCase) };
}

/** Routes for v2 Account Links: the hosted onboarding (or update) URL of a v2 Account. */
export const v2AccountLinkRoutes: V2RouteTable = {
	'POST /v2/core/account_links': ({ core, params }) => {
		const accountId = params.account as string;
		const { type, useCase } = readUseCase(params.use_case as JsonObject);
		const { account } = requireV2Account(core, accountId, 'account');
		// Remembered so completing onboarding can announce v2.core.account_link.returned.
		core.store.internals(account.id).lastAccountLinkUseCase = type;
		const kind = type === 'account_update' ? 'update' : 'onboarding';
		return {
			object: 'v2.core.account_link',
			account: account.id,
			created: rfc3339(core.now()),
			expires_at: rfc3339(core.now() + ACCOUNT_LINK_LIFETIME_SECONDS),
			livemode: false,
			url: `https://connect.stripe.com/d/setup/${account.id}/${kind}_${core.ids.token(12)}`,
			use_case: useCase,
		};
	},
};
