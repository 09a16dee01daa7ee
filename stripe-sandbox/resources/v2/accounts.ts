import type { SandboxCore } from '../../core';
import { clone } from '../../core';
import { invalidRequest } from '../../errors';
import type { StripeObject } from '../../store';
import type { V2HandlerContext, V2RouteTable } from '../../types';
import { listRequest, paginateV2 } from '../../v2/pagination';
import type { JsonObject } from '../../v2/request';
import {
	invalidField,
	mergeV2Metadata,
	optionalBoolean,
	optionalEnum,
	optionalEnumArray,
	optionalObject,
	optionalString,
	refuseUnknownFields,
} from '../../v2/request';
import { COUNTRY_CURRENCIES, createConnectedAccount, refreshEnablement } from '../accounts';
import type { ConfigurationName } from './accountConfigurations';
import {
	CONFIGURATION_NAMES,
	requestedCapabilities,
	v1CapabilityOf,
} from './accountConfigurations';
import type { AccountInclude, Dashboard, V2AccountState } from './accountState';
import {
	ACCOUNT_INCLUDES,
	announceCapabilityChanges,
	appliedConfigurations,
	emitAccountEvent,
	renderAccount,
	requireV2Account,
	statusesBeforeChange,
	v2StateOf,
} from './accountState';

const WRITABLE_FIELDS = [
	'configuration',
	'contact_email',
	'contact_phone',
	'dashboard',
	'defaults',
	'display_name',
	'identity',
	'include',
	'metadata',
];
const ENTITY_TYPES = ['company', 'government_entity', 'individual', 'non_profit'] as const;
const FEES_COLLECTORS = [
	'application',
	'application_custom',
	'application_express',
	'stripe',
] as const;
const LOSSES_COLLECTORS = ['application', 'stripe'] as const;

function includeOf(params: JsonObject): AccountInclude[] {
	return optionalEnumArray(params, 'include', ACCOUNT_INCLUDES) ?? [];
}

/** `identity` as sent, its country upper-cased; checks the fields the sandbox reads. */
function readIdentity(params: JsonObject, current: JsonObject | null): JsonObject | null {
	const identity = optionalObject(params, 'identity');
	if (!identity) return current;
	const country = optionalString(identity, 'country', 'identity.');
	if (country !== undefined && !/^[A-Za-z]{2}$/.test(country)) {
		throw invalidField(
			'identity.country',
			`Invalid identity.country "${country}": use a two-letter ISO 3166-1 code.`,
		);
	}
	optionalEnum(identity, 'entity_type', ENTITY_TYPES, 'identity.');
	const merged = { ...(current ?? {}), ...clone(identity) };
	if (country !== undefined) merged.country = country.toUpperCase();
	return merged;
}

/** `defaults`, merged; responsibilities checked against the combinations Stripe refuses. */
function readDefaults(params: JsonObject, current: JsonObject, dashboard: Dashboard): JsonObject {
	const defaults = optionalObject(params, 'defaults');
	const merged: JsonObject = { ...current, ...(defaults ? clone(defaults) : {}) };
	const currency = optionalString(merged, 'currency', 'defaults.');
	if (currency !== undefined) merged.currency = currency.toLowerCase();
	const responsibilities = {
		...((current.responsibilities as JsonObject | undefined) ?? {}),
		...(optionalObject(defaults ?? {}, 'responsibilities', 'defaults.') ?? {}),
	};
	const fees = optionalEnum(
		responsibilities,
		'fees_collector',
		FEES_COLLECTORS,
		'defaults.responsibilities.',
	);
	const losses = optionalEnum(
		responsibilities,
		'losses_collector',
		LOSSES_COLLECTORS,
		'defaults.responsibilities.',
	);
	if (dashboard === 'express' && (fees !== 'application' || losses !== 'application')) {
		throw invalidField(
			'defaults.responsibilities',
			'If dashboard is express, fees_collector must be application and losses_collector must be application.',
		);
	}
	if (losses === 'application' && !String(fees).startsWith('application')) {
		throw invalidField(
			'defaults.responsibilities.fees_collector',
			'If losses_collector is application, fees_collector must also be application.',
		);
	}
	merged.responsibilities = {
		...responsibilities,
		requirements_collector: dashboard === 'none' ? 'application' : 'stripe',
	};
	return merged;
}

/**
 * Applies `configuration` (new configurations, settings, `applied`, capability requests) to the
 * state, and to the v1 capabilities for capabilities with a v1 twin.
 */
function applyConfiguration(
	state: V2AccountState,
	v1Capabilities: Record<string, string>,
	params: JsonObject,
): ConfigurationName[] {
	const configuration = optionalObject(params, 'configuration');
	if (!configuration) return [];
	refuseUnknownFields(configuration, CONFIGURATION_NAMES, 'configuration.');
	const changed: ConfigurationName[] = [];
	for (const name of CONFIGURATION_NAMES) {
		const update = optionalObject(configuration, name, 'configuration.');
		if (!update) continue;
		changed.push(name);
		const isNew = state.configuration[name] === undefined;
		const current = (state.configuration[name] ??= {
			applied: true,
			settings: {},
			capabilities: {},
			requested: [],
		});
		const settings = Object.fromEntries(
			Object.entries(update).filter(([key]) => key !== 'capabilities' && key !== 'applied'),
		);
		current.settings = { ...current.settings, ...clone(settings) };
		const apply = optionalBoolean(update, 'applied', `configuration.${name}.`);
		if (apply !== undefined) current.applied = apply;
		else if (!isNew && !current.applied) {
			throw invalidField(
				`configuration.${name}`,
				`Configuration cannot be updated while deactivated: send configuration.${name}.applied true to re-apply it.`,
			);
		}
		for (const [capability, requested] of Object.entries(
			requestedCapabilities(name, update.capabilities),
		)) {
			const v1 = v1CapabilityOf(name, capability);
			if (requested && !current.requested.includes(capability)) {
				current.requested.push(capability);
				if (v1) v1Capabilities[v1] ??= 'inactive';
				else current.capabilities[capability] = 'restricted';
			} else if (!requested && current.requested.includes(capability)) {
				current.requested = current.requested.filter((item) => item !== capability);
				if (v1) delete v1Capabilities[v1];
				else delete current.capabilities[capability];
			}
		}
	}
	return changed;
}

/** Fields Stripe requires once the account is a connected account (merchant or recipient). */
function checkConnectedAccountFields(state: V2AccountState): void {
	const applied = appliedConfigurations(state);
	if (!applied.includes('merchant') && !applied.includes('recipient')) return;
	if (!state.contact_email) {
		throw invalidField(
			'contact_email',
			'contact_email is required when configuring the account as a merchant or recipient.',
		);
	}
	if (!state.identity?.country) {
		throw invalidField(
			'identity.country',
			'The identity.country value is required but not provided.',
		);
	}
}

function defaultDashboard(configuration: JsonObject | undefined): Dashboard {
	if (configuration?.merchant || configuration?.customer) return 'full';
	return configuration?.recipient ? 'express' : 'none';
}

function dashboardDefaults(dashboard: Dashboard): JsonObject {
	const collector = dashboard === 'full' ? 'stripe' : 'application';
	return { responsibilities: { fees_collector: collector, losses_collector: collector } };
}

/** Creates a v2 Account: a v1 connected account (so v1 money endpoints work) plus its v2 state. */
export function createV2Account(
	core: SandboxCore,
	params: JsonObject,
): { account: StripeObject; state: V2AccountState } {
	if (params.account_token !== undefined) {
		throw invalidField(
			'account_token',
			'Account tokens are not supported by the Stripe sandbox; send the identity fields directly.',
		);
	}
	refuseUnknownFields(params, WRITABLE_FIELDS);
	const configuration = optionalObject(params, 'configuration');
	const dashboard =
		optionalEnum(params, 'dashboard', ['express', 'full', 'none'] as const) ??
		defaultDashboard(configuration);
	const identity = readIdentity(params, null);
	const country = String(identity?.country ?? 'US');
	const defaults = readDefaults(params, dashboardDefaults(dashboard), dashboard);
	defaults.currency ??= COUNTRY_CURRENCIES[country] ?? 'usd';
	const state: V2AccountState = {
		created: core.now(),
		display_name: optionalString(params, 'display_name') ?? null,
		contact_email: optionalString(params, 'contact_email') ?? null,
		contact_phone: optionalString(params, 'contact_phone') ?? null,
		dashboard,
		identity,
		defaults,
		configuration: {},
		metadata: mergeV2Metadata({}, params.metadata),
		closed: false,
	};
	// Checked in full before anything is made, so a refused request leaves nothing behind.
	const v1Capabilities: Record<string, 'inactive'> = {};
	applyConfiguration(state, v1Capabilities, params);
	checkConnectedAccountFields(state);
	const account = createConnectedAccount(core, {
		country,
		default_currency: String(defaults.currency),
		email: state.contact_email,
		type: dashboard === 'full' ? 'standard' : dashboard === 'express' ? 'express' : 'custom',
		business_type: typeof identity?.entity_type === 'string' ? identity.entity_type : null,
		business_name: state.display_name,
		capabilities: v1Capabilities,
		metadata: state.metadata,
		details_submitted: false,
	});
	core.store.internals(account.id).v2Account = state;
	emitAccountEvent(core, account.id, 'v2.core.account.created');
	return { account, state };
}

function updateAccount(core: SandboxCore, id: string, params: JsonObject) {
	refuseUnknownFields(params, WRITABLE_FIELDS);
	const { account, state } = requireV2Account(core, id);
	if (state.closed)
		throw invalidRequest(`Account ${id} is closed and cannot be updated.`, 'account_closed', 'id');
	const before = statusesBeforeChange(core, account);
	const draft: V2AccountState = clone(state);
	draft.dashboard =
		optionalEnum(params, 'dashboard', ['express', 'full', 'none'] as const) ?? draft.dashboard;
	for (const field of ['display_name', 'contact_email', 'contact_phone'] as const) {
		const value = params[field] === null ? null : optionalString(params, field);
		if (value !== undefined) draft[field] = value;
	}
	draft.identity = readIdentity(params, draft.identity);
	draft.defaults = readDefaults(params, draft.defaults, draft.dashboard);
	draft.metadata = mergeV2Metadata(draft.metadata, params.metadata);
	const v1Capabilities = clone(account.capabilities) as Record<string, string>;
	const changedConfigurations = applyConfiguration(draft, v1Capabilities, params);
	checkConnectedAccountFields(draft);
	account.capabilities = v1Capabilities;
	refreshEnablement(account);
	core.store.internals(id).v2Account = draft;
	account.email = draft.contact_email;
	account.metadata = { ...draft.metadata };
	emitAccountEvent(core, id, 'v2.core.account.updated');
	if (params.identity !== undefined)
		emitAccountEvent(core, id, 'v2.core.account[identity].updated');
	if (params.defaults !== undefined)
		emitAccountEvent(core, id, 'v2.core.account[defaults].updated');
	for (const name of changedConfigurations) {
		emitAccountEvent(core, id, `v2.core.account[configuration.${name}].updated`);
	}
	announceCapabilityChanges(core, account, before);
	return { account, state: draft };
}

function closeAccount(core: SandboxCore, id: string, params: JsonObject) {
	refuseUnknownFields(params, ['applied_configurations']);
	const { account, state } = requireV2Account(core, id);
	const applied = appliedConfigurations(state);
	const named = optionalEnumArray(params, 'applied_configurations', CONFIGURATION_NAMES) ?? [];
	if (
		applied.some((name) => !named.includes(name)) ||
		named.some((name) => !applied.includes(name))
	) {
		throw invalidField(
			'applied_configurations',
			`All configurations on the Account must be passed to close it: send applied_configurations ${JSON.stringify(applied)}.`,
		);
	}
	state.closed = true;
	for (const name of applied) (state.configuration[name] as { applied: boolean }).applied = false;
	const capabilities = account.capabilities as Record<string, string>;
	for (const name of Object.keys(capabilities)) capabilities[name] = 'inactive';
	refreshEnablement(account);
	emitAccountEvent(core, id, 'v2.core.account.closed');
	return { account, state };
}

function listAccounts(context: V2HandlerContext) {
	const request = listRequest(context.query);
	const wanted =
		optionalEnumArray(request.params, 'applied_configurations', CONFIGURATION_NAMES) ?? [];
	const closed = optionalBoolean(request.params, 'closed') ?? false;
	refuseUnknownFields(request.params, ['applied_configurations', 'closed']);
	const accounts = context.core.store.newestFirst(
		context.core.platformAccountId,
		'account',
		(account) => {
			const state = v2StateOf(context.core, account.id);
			if (!state || state.closed !== closed) return false;
			const applied = appliedConfigurations(state);
			return wanted.every((name) => applied.includes(name));
		},
	);
	return paginateV2(accounts, request, context.path, (account) =>
		renderAccount(account, v2StateOf(context.core, account.id) as V2AccountState, []),
	);
}

/** Routes for v2 Accounts: create, retrieve (with include), list, update, close. */
export const v2AccountRoutes: V2RouteTable = {
	'POST /v2/core/accounts': ({ core, params, asPlatform }) => {
		if (!asPlatform)
			throw invalidRequest('Connected accounts cannot create other accounts.', 'permission_error');
		const { account, state } = createV2Account(core, params);
		return renderAccount(account, state, includeOf(params));
	},
	'GET /v2/core/accounts': listAccounts,
	'GET /v2/core/accounts/{id}': ({ core, pathParams, query }) => {
		const { account, state } = requireV2Account(core, pathParams.id);
		refuseUnknownFields(query, ['include']);
		return renderAccount(account, state, includeOf(query));
	},
	'POST /v2/core/accounts/{id}': ({ core, pathParams, params }) => {
		const { account, state } = updateAccount(core, pathParams.id, params);
		return renderAccount(account, state, includeOf(params));
	},
	'POST /v2/core/accounts/{id}/close': ({ core, pathParams, params }) => {
		const { account, state } = closeAccount(core, pathParams.id, params);
		return renderAccount(account, state, []);
	},
};
