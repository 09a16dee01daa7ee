import { rfc3339 } from '../../clock';
import type { SandboxCore } from '../../core';
import { clone } from '../../core';
import { invalidRequest } from '../../errors';
import type { StripeObject } from '../../store';
import type { V2HandlerContext, V2RouteTable } from '../../types';
import { listRequest, paginateV2 } from '../../v2/pagination';
import type { JsonObject } from '../../v2/request';
import { invalidField, listParam, mergeV2Metadata } from '../../v2/request';
import { COUNTRY_CURRENCIES, createConnectedAccount, refreshEnablement } from '../connectedAccount';
import type { ConfigurationName } from './accountConfigurations';
import {
	CONFIGURATION_NAMES,
	requestedCapabilities,
	v1CapabilityOf,
} from './accountConfigurations';
import type { AccountInclude, Dashboard, V2AccountState } from './accountState';
import {
	announceCapabilityChanges,
	appliedConfigurations,
	emitAccountEvent,
	renderAccount,
	requireV2Account,
	statusesBeforeChange,
	v2StateOf,
} from './accountState';

// The handlers below read parameters the validator has checked against the pinned version's
// definitions (types, enums, required and unknown fields); they check only what those cannot say.

function includeOf(params: JsonObject): AccountInclude[] {
	return listParam<AccountInclude>(params, 'include');
}

/**
 * `identity` as sent, merged into the current one (`individual` field by field), its country
 * upper-cased.
 */
function readIdentity(params: JsonObject, current: JsonObject | null): JsonObject | null {
	const identity = params.identity as JsonObject | undefined;
	if (!identity) return current;
	const country = identity.country as string | undefined;
	// A format the definitions (a plain string) cannot express.
	if (country !== undefined && !/^[A-Za-z]{2}$/.test(country)) {
		throw invalidField(
			'identity.country',
			`Invalid identity.country "${country}": use a two-letter ISO 3166-1 code.`,
		);
	}
	const merged = { ...(current ?? {}), ...clone(identity) };
	if (country !== undefined) merged.country = country.toUpperCase();
	if (identity.individual !== undefined) {
		merged.individual = {
			...((current?.individual as JsonObject | undefined) ?? {}),
			...clone(identity.individual as JsonObject),
		};
	}
	return merged;
}

/**
 * `identity.individual` as Stripe returns it: the account's own Person (`v2.core.account_person`,
 * with its id, account and timestamps) holding the fields sent; id numbers show their type only.
 */
function keepIndividual(core: SandboxCore, accountId: string, identity: JsonObject | null): void {
	const individual = identity?.individual as JsonObject | undefined;
	if (!identity || !individual) return;
	const now = rfc3339(core.now());
	const idNumbers = individual.id_numbers;
	identity.individual = {
		id: individual.id ?? core.ids.next('person'),
		object: 'v2.core.account_person',
		account: accountId,
		created: individual.created ?? now,
		...individual,
		...(Array.isArray(idNumbers)
			? { id_numbers: idNumbers.map((entry) => ({ type: (entry as JsonObject).type })) }
			: {}),
		updated: now,
	};
}

/**
 * `defaults`, merged. `responsibilities` comes whole (the definitions require both collectors);
 * the combinations Stripe refuses are rules across fields, checked here.
 */
function readDefaults(params: JsonObject, current: JsonObject, dashboard: Dashboard): JsonObject {
	const defaults = params.defaults as JsonObject | undefined;
	const merged: JsonObject = { ...current, ...(defaults ? clone(defaults) : {}) };
	if (typeof merged.currency === 'string') merged.currency = merged.currency.toLowerCase();
	const responsibilities = {
		...((current.responsibilities as JsonObject | undefined) ?? {}),
		...((defaults?.responsibilities as JsonObject | undefined) ?? {}),
	};
	const fees = responsibilities.fees_collector as string | undefined;
	const losses = responsibilities.losses_collector as string | undefined;
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
	const configuration = params.configuration as JsonObject | undefined;
	if (!configuration) return [];
	const changed: ConfigurationName[] = [];
	for (const name of CONFIGURATION_NAMES) {
		const update = configuration[name] as JsonObject | undefined;
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
		const apply = update.applied as boolean | undefined;
		if (apply !== undefined) current.applied = apply;
		else if (!isNew && !current.applied) {
			throw invalidField(
				`configuration.${name}`,
				`Configuration cannot be updated while deactivated: send configuration.${name}.applied true to re-apply it.`,
			);
		}
		for (const [capability, requested] of Object.entries(
			requestedCapabilities(update.capabilities),
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
	const configuration = params.configuration as JsonObject | undefined;
	const dashboard = (params.dashboard as Dashboard | undefined) ?? defaultDashboard(configuration);
	const identity = readIdentity(params, null);
	const country = String(identity?.country ?? 'US');
	const defaults = readDefaults(params, dashboardDefaults(dashboard), dashboard);
	defaults.currency ??= COUNTRY_CURRENCIES[country] ?? 'usd';
	const state: V2AccountState = {
		created: core.now(),
		display_name: (params.display_name as string | undefined) ?? null,
		contact_email: (params.contact_email as string | undefined) ?? null,
		contact_phone: (params.contact_phone as string | undefined) ?? null,
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
	keepIndividual(core, account.id, state.identity);
	core.store.internals(account.id).v2Account = state;
	emitAccountEvent(core, account.id, 'v2.core.account.created');
	return { account, state };
}

function updateAccount(core: SandboxCore, id: string, params: JsonObject) {
	const { account, state } = requireV2Account(core, id);
	if (state.closed)
		throw invalidRequest(`Account ${id} is closed and cannot be updated.`, 'account_closed', 'id');
	const before = statusesBeforeChange(core, account);
	const draft: V2AccountState = clone(state);
	draft.dashboard = (params.dashboard as Dashboard | undefined) ?? draft.dashboard;
	for (const field of ['display_name', 'contact_email', 'contact_phone'] as const) {
		const value = params[field] as string | undefined;
		if (value !== undefined) draft[field] = value;
	}
	draft.identity = readIdentity(params, draft.identity);
	if ((params.identity as JsonObject | undefined)?.individual !== undefined) {
		keepIndividual(core, id, draft.identity);
	}
	draft.defaults = readDefaults(params, draft.defaults, draft.dashboard);
	draft.metadata = mergeV2Metadata(draft.metadata, params.metadata);
	const v1Capabilities = clone(account.capabilities) as Record<string, string>;
	const changedConfigurations = applyConfiguration(draft, v1Capabilities, params);
	checkConnectedAccountFields(draft);
	account.capabilities = v1Capabilities;
	refreshEnablement(core, account);
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
	const { account, state } = requireV2Account(core, id);
	const applied = appliedConfigurations(state);
	const named = listParam<ConfigurationName>(params, 'applied_configurations');
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
	refreshEnablement(core, account);
	emitAccountEvent(core, id, 'v2.core.account.closed');
	return { account, state };
}

function listAccounts(context: V2HandlerContext) {
	const request = listRequest(context.query);
	const wanted = listParam<ConfigurationName>(request.params, 'applied_configurations');
	const closed = request.params.closed === 'true';
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
