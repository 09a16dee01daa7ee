import { rfc3339 } from '../../clock';
import type { SandboxCore } from '../../core';
import { clone } from '../../core';
import { invalidRequest, resourceMissing } from '../../errors';
import type { StripeObject } from '../../store';
import { emitV2Event } from '../../v2/events';
import type { JsonObject } from '../../v2/request';
import type {
	ConfigurationName,
	ConfigurationState,
	V2CapabilityStatus,
} from './accountConfigurations';
import {
	CONFIGURATION_NAMES,
	capabilityStatus,
	renderConfiguration,
	renderRequirements,
	restrictedCapabilities,
} from './accountConfigurations';

export type Dashboard = 'express' | 'full' | 'none';

/** What the sandbox keeps of a v2 Account beside its v1 face (the v1 `account` object). */
export interface V2AccountState {
	created: number;
	display_name: string | null;
	contact_email: string | null;
	contact_phone: string | null;
	dashboard: Dashboard;
	identity: JsonObject | null;
	defaults: JsonObject;
	configuration: Partial<Record<ConfigurationName, ConfigurationState>>;
	metadata: Record<string, string>;
	closed: boolean;
}

/** The values of `include` on the Account endpoints. */
export const ACCOUNT_INCLUDES = [
	'configuration.customer',
	'configuration.merchant',
	'configuration.recipient',
	'defaults',
	'future_requirements',
	'identity',
	'requirements',
] as const;
export type AccountInclude = (typeof ACCOUNT_INCLUDES)[number];

/** The v2 state of an account, if it was made through the v2 API. */
export function v2StateOf(core: SandboxCore, id: string): V2AccountState | undefined {
	return core.store.internals(id).v2Account as V2AccountState | undefined;
}

/**
 * A v2 Account named by the path or a parameter. A v1-only account answers 400 as Stripe does
 * ("V1 Account ID cannot be used in V2 Account APIs"); an unknown one 404.
 */
export function requireV2Account(
	core: SandboxCore,
	id: string,
	param = 'id',
): { account: StripeObject; state: V2AccountState } {
	const account = id === core.platformAccountId ? undefined : core.account(id);
	if (!account) throw resourceMissing('account', id, param);
	const state = v2StateOf(core, id);
	if (!state) {
		throw invalidRequest(
			`V1 Account ID cannot be used in V2 Account APIs: ${id} was created with /v1/accounts. Use the v1 Accounts API for it.`,
			'v1_account_id_not_supported',
			param,
		);
	}
	return { account, state };
}

/** The configurations applied to an account, in Stripe's order. */
export function appliedConfigurations(state: V2AccountState): ConfigurationName[] {
	return CONFIGURATION_NAMES.filter((name) => state.configuration[name]?.applied);
}

/**
 * The Account object as v2 returns it: include-dependent hashes (configuration, defaults, identity,
 * requirements, future_requirements) are null unless `include` names them; a configuration
 * hash shows only the configurations included, the others null.
 */
export function renderAccount(
	account: StripeObject,
	state: V2AccountState,
	include: readonly AccountInclude[],
): JsonObject {
	const wants = (value: AccountInclude) => include.includes(value);
	const configurationIncluded = CONFIGURATION_NAMES.some((name) => wants(`configuration.${name}`));
	return {
		id: account.id,
		object: 'v2.core.account',
		applied_configurations: appliedConfigurations(state),
		closed: state.closed,
		configuration: configurationIncluded
			? Object.fromEntries(
					CONFIGURATION_NAMES.map((name) => {
						const configuration = state.configuration[name];
						return [
							name,
							wants(`configuration.${name}`) && configuration
								? renderConfiguration(account, name, configuration)
								: null,
						];
					}),
				)
			: null,
		contact_email: state.contact_email,
		contact_phone: state.contact_phone,
		created: rfc3339(state.created),
		dashboard: state.dashboard,
		defaults: wants('defaults') ? clone(state.defaults) : null,
		display_name: state.display_name,
		future_requirements: wants('future_requirements') ? { entries: [], summary: {} } : null,
		identity: wants('identity') ? clone(state.identity) : null,
		livemode: false,
		metadata: { ...state.metadata },
		requirements: wants('requirements')
			? renderRequirements(restrictedCapabilities(account, state.configuration))
			: null,
	};
}

/** Every requested capability's status, keyed `configuration:capability`. */
export function capabilityStatuses(
	account: StripeObject,
	state: V2AccountState,
): Map<string, V2CapabilityStatus> {
	const statuses = new Map<string, V2CapabilityStatus>();
	for (const name of CONFIGURATION_NAMES) {
		const configuration = state.configuration[name];
		for (const capability of configuration?.requested ?? []) {
			statuses.set(
				`${name}:${capability}`,
				capabilityStatus(account, name, configuration as ConfigurationState, capability),
			);
		}
	}
	return statuses;
}

/** Records a v2 event about an Account (`related_object` the Account, on the platform). */
export function emitAccountEvent(
	core: SandboxCore,
	accountId: string,
	type: string,
	data?: Record<string, unknown>,
): void {
	emitV2Event(core, {
		type,
		relatedObject: {
			id: accountId,
			type: 'v2.core.account',
			url: `/v2/core/accounts/${accountId}`,
		},
		data,
	});
}

/**
 * Emits what Stripe emits when capability statuses of a v2 Account moved since `before`: one
 * `v2.core.account[configuration.<name>].capability_status_updated` per capability, and
 * `v2.core.account[requirements].updated` when what is due changed. No-op for v1-only accounts.
 */
export function announceCapabilityChanges(
	core: SandboxCore,
	account: StripeObject,
	before: Map<string, V2CapabilityStatus> | undefined,
): void {
	const state = v2StateOf(core, account.id);
	if (!state || !before) return;
	const after = capabilityStatuses(account, state);
	let requirementsMoved = false;
	for (const [key, status] of after) {
		if (before.get(key) === status) continue;
		const [configuration, capability] = key.split(':');
		emitAccountEvent(
			core,
			account.id,
			`v2.core.account[configuration.${configuration}].capability_status_updated`,
			{ updated_capability: capability },
		);
		if ((before.get(key) === 'active') !== (status === 'active')) requirementsMoved = true;
	}
	if (requirementsMoved)
		emitAccountEvent(core, account.id, 'v2.core.account[requirements].updated');
}

/** The statuses before a change, for `announceCapabilityChanges`; undefined for v1-only accounts. */
export function statusesBeforeChange(
	core: SandboxCore,
	account: StripeObject,
): Map<string, V2CapabilityStatus> | undefined {
	const state = v2StateOf(core, account.id);
	return state ? capabilityStatuses(account, state) : undefined;
}
