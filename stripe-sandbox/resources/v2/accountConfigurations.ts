import type { StripeObject } from '../../store';
import type { JsonObject } from '../../v2/request';
import { invalidField } from '../../v2/request';

/** The three configurations of a v2 Account. */
export const CONFIGURATION_NAMES = ['customer', 'merchant', 'recipient'] as const;
export type ConfigurationName = (typeof CONFIGURATION_NAMES)[number];

/** A capability's status in v2 (`configuration.<name>.capabilities.<capability>.status`). */
export type V2CapabilityStatus = 'active' | 'pending' | 'rejected' | 'restricted' | 'unsupported';

/**
 * The capabilities each configuration can request, as the stripe 23.1.0 types name them (the
 * `updated_capability` unions of the `…capability_status_updated` events, and the create
 * params); dotted names are nested in requests (`stripe_balance: { payouts: { requested } }`).
 */
export const CAPABILITIES: Record<ConfigurationName, readonly string[]> = {
	customer: ['automatic_indirect_tax'],
	merchant: [
		'ach_debit_payments',
		'acss_debit_payments',
		'affirm_payments',
		'afterpay_clearpay_payments',
		'alma_payments',
		'amazon_pay_payments',
		'au_becs_debit_payments',
		'bacs_debit_payments',
		'bancontact_payments',
		'blik_payments',
		'blik_recurring_payments',
		'boleto_payments',
		'card_payments',
		'cartes_bancaires_payments',
		'cashapp_payments',
		'eps_payments',
		'fpx_payments',
		'gb_bank_transfer_payments',
		'grabpay_payments',
		'ideal_payments',
		'jcb_payments',
		'jp_bank_transfer_payments',
		'kakao_pay_payments',
		'klarna_payments',
		'konbini_payments',
		'kr_card_payments',
		'link_payments',
		'mobilepay_payments',
		'multibanco_payments',
		'mx_bank_transfer_payments',
		'naver_pay_payments',
		'oxxo_payments',
		'p24_payments',
		'pay_by_bank_payments',
		'payco_payments',
		'paynow_payments',
		'promptpay_payments',
		'revolut_pay_payments',
		'samsung_pay_payments',
		'satispay_payments',
		'sepa_bank_transfer_payments',
		'sepa_debit_payments',
		'sequra_payments',
		'stripe_balance.payouts',
		'sunbit_payments',
		'swish_payments',
		'twint_payments',
		'us_bank_transfer_payments',
		'zip_payments',
	],
	recipient: [
		'bank_accounts.ach',
		'bank_accounts.fedwire',
		'bank_accounts.fps',
		'bank_accounts.local',
		'bank_accounts.rtp',
		'bank_accounts.sepa',
		'bank_accounts.swift',
		'bank_accounts.wire',
		'cards',
		'stripe_balance.payouts',
		'stripe_balance.stripe_transfers',
	],
};

/**
 * v2 capabilities that are the same thing as a v1 capability of the account's v1 face. Their
 * status lives on the v1 account (so v1 transfers and charges see it, and `state.setCapabilities`
 * moves both); the others live on the v2 configuration.
 */
const V1_CAPABILITY_OF: Record<string, string> = {
	'merchant:card_payments': 'card_payments',
	'recipient:stripe_balance.stripe_transfers': 'transfers',
};

/** The v1 capability a v2 capability stands for, if any. */
export function v1CapabilityOf(configuration: ConfigurationName, capability: string) {
	return V1_CAPABILITY_OF[`${configuration}:${capability}`];
}

/** v1 capability statuses as v2 shows them. */
export function v2StatusOf(v1Status: string | undefined): V2CapabilityStatus {
	if (v1Status === 'active') return 'active';
	if (v1Status === 'pending') return 'pending';
	return 'restricted';
}

/** What the sandbox keeps of one configuration. */
export interface ConfigurationState {
	applied: boolean;
	/** Every other field the configuration was given (branding, card_payments, mcc, …), as sent. */
	settings: JsonObject;
	/** Requested capabilities not mapped to v1, with their status. */
	capabilities: Record<string, V2CapabilityStatus>;
	/** Every requested capability, mapped or not, in request order. */
	requested: string[];
}

/**
 * Reads `configuration.<name>.capabilities` into `{ 'stripe_balance.payouts': true, … }`: each
 * leaf is `{ requested: boolean }`; a capability the configuration does not have is a 400 naming it.
 */
export function requestedCapabilities(
	configuration: ConfigurationName,
	capabilities: unknown,
): Record<string, boolean> {
	const field = `configuration.${configuration}.capabilities`;
	const requested: Record<string, boolean> = {};
	const walk = (value: unknown, path: string[]): void => {
		const name = path.join('.');
		if (!value || typeof value !== 'object' || Array.isArray(value)) {
			throw invalidField(`${field}.${name}`, `Invalid ${field}.${name}: expected an object.`);
		}
		const node = value as JsonObject;
		if ('requested' in node) {
			if (!CAPABILITIES[configuration].includes(name)) {
				throw invalidField(
					`${field}.${name}`,
					`The ${configuration} configuration has no capability ${name}. It has: ${CAPABILITIES[configuration].join(', ')}.`,
				);
			}
			if (typeof node.requested !== 'boolean') {
				throw invalidField(
					`${field}.${name}.requested`,
					`Invalid ${field}.${name}.requested: expected true or false.`,
				);
			}
			requested[name] = node.requested;
			return;
		}
		for (const [key, child] of Object.entries(node)) walk(child, [...path, key]);
	};
	if (capabilities === undefined) return requested;
	for (const [key, child] of Object.entries(capabilities as JsonObject)) walk(child, [key]);
	return requested;
}

/** Nests `{ 'stripe_balance.payouts': x }` back into `{ stripe_balance: { payouts: x } }`. */
function nest(flat: Record<string, unknown>): JsonObject {
	const root: JsonObject = {};
	for (const [path, value] of Object.entries(flat)) {
		const keys = path.split('.');
		let node = root;
		for (const key of keys.slice(0, -1)) node = (node[key] ??= {}) as JsonObject;
		node[keys.at(-1) as string] = value;
	}
	return root;
}

/** The status of one requested capability, read where it lives. */
export function capabilityStatus(
	account: StripeObject,
	name: ConfigurationName,
	state: ConfigurationState,
	capability: string,
): V2CapabilityStatus {
	if (!state.applied) return 'restricted';
	const v1 = v1CapabilityOf(name, capability);
	if (v1) return v2StatusOf((account.capabilities as Record<string, string>)[v1]);
	return state.capabilities[capability] ?? 'restricted';
}

/** One configuration as the Account object shows it when included. */
export function renderConfiguration(
	account: StripeObject,
	name: ConfigurationName,
	state: ConfigurationState,
): JsonObject {
	const capabilities = Object.fromEntries(
		state.requested.map((capability) => {
			const status = capabilityStatus(account, name, state, capability);
			return [
				capability,
				{
					status,
					status_details:
						status === 'active'
							? []
							: [{ code: 'requirements_past_due', resolution: 'provide_info' }],
				},
			];
		}),
	);
	return { ...state.settings, applied: state.applied, capabilities: nest(capabilities) };
}

/** Every requested capability that is not active, as `{ configuration, capability }`. */
export function restrictedCapabilities(
	account: StripeObject,
	configurations: Partial<Record<ConfigurationName, ConfigurationState>>,
): Array<{ configuration: ConfigurationName; capability: string }> {
	return CONFIGURATION_NAMES.flatMap((name) => {
		const state = configurations[name];
		if (!state?.applied) return [];
		return state.requested
			.filter((capability) => capabilityStatus(account, name, state, capability) !== 'active')
			.map((capability) => ({ configuration: name, capability }));
	});
}

/** The Account's `requirements`: one entry, due now, while any requested capability is not active. */
export function renderRequirements(
	restricted: Array<{ configuration: ConfigurationName; capability: string }>,
): JsonObject {
	if (restricted.length === 0) return { entries: [], summary: {} };
	return {
		entries: [
			{
				awaiting_action_from: 'user',
				description:
					'Complete onboarding: accept the Stripe services agreement and provide the identity and bank details the requested capabilities need.',
				errors: [],
				impact: {
					restricts_capabilities: restricted.map(({ configuration, capability }) => ({
						capability,
						configuration,
						deadline: { status: 'currently_due' },
					})),
				},
				minimum_deadline: { status: 'currently_due' },
				requested_reasons: [{ code: 'routine_onboarding' }],
			},
		],
		summary: { minimum_deadline: { status: 'currently_due' } },
	};
}
