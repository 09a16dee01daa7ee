import { rfc3339 } from '../../clock';
import { clone } from '../../core';
import type { V2RouteTable } from '../../types';
import {
	invalidField,
	optionalEnum,
	optionalObject,
	optionalString,
	refuseUnknownFields,
	requiredString,
} from '../../v2/request';
import { requireV2Account } from './accountState';

const ACCOUNT_LINK_LIFETIME_SECONDS = 300;
const USE_CASES = ['account_onboarding', 'account_update'] as const;
const FIELDS = ['currently_due', 'eventually_due'] as const;
const FUTURE_REQUIREMENTS = ['include', 'omit'] as const;

/** Checks `use_case`: its type, and the options hash of that type with its refresh URL. */
function readUseCase(useCase: Record<string, unknown> | undefined) {
	if (!useCase) throw invalidField('use_case', 'Missing required param: use_case.');
	const type = optionalEnum(useCase, 'type', USE_CASES, 'use_case.');
	if (!type) throw invalidField('use_case.type', 'Missing required param: use_case.type.');
	refuseUnknownFields(useCase, ['type', type], 'use_case.');
	const options = optionalObject(useCase, type, 'use_case.');
	if (!options) {
		throw invalidField(
			`use_case.${type}`,
			`Missing required param: use_case.${type} (with refresh_url).`,
		);
	}
	const prefix = `use_case.${type}.`;
	refuseUnknownFields(options, ['collection_options', 'refresh_url', 'return_url'], prefix);
	for (const field of ['refresh_url', 'return_url'] as const) {
		const url =
			field === 'refresh_url'
				? requiredString(options, field, prefix)
				: optionalString(options, field, prefix);
		if (url !== undefined && !/^https?:\/\//.test(url)) {
			throw invalidField(
				`${prefix}${field}`,
				`Invalid ${prefix}${field}: expected an http(s) URL.`,
			);
		}
	}
	const collection = optionalObject(options, 'collection_options', prefix);
	if (collection) {
		refuseUnknownFields(
			collection,
			['fields', 'future_requirements'],
			`${prefix}collection_options.`,
		);
		optionalEnum(collection, 'fields', FIELDS, `${prefix}collection_options.`);
		optionalEnum(
			collection,
			'future_requirements',
			FUTURE_REQUIREMENTS,
			`${prefix}collection_options.`,
		);
	}
	return { type, useCase: clone(useCase) };
}

/** Routes for v2 Account Links: the hosted onboarding (or update) URL of a v2 Account. */
export const v2AccountLinkRoutes: V2RouteTable = {
	'POST /v2/core/account_links': ({ core, params }) => {
		refuseUnknownFields(params, ['account', 'use_case']);
		const accountId = requiredString(params, 'account');
		const { type, useCase } = readUseCase(optionalObject(params, 'use_case'));
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
