import type { IDataObject, INodePropertyOptions } from 'n8n-workflow';

import { StripeInputError } from '../../../shared/validation';
import { collection, field, type Field } from '../../shared/fields';
import type { ParameterReader } from '../../shared/parameterReader';
import type { RequestDraft } from '../../shared/parameters';

/*
 * The configurations of a v2 Account and the capabilities each can request, as stripe 23.1.0's
 * `V2.Core.AccountCreateParams.Configuration` types name them. Applying a configuration is sending its
 * object; a capability is requested with `{ requested: true }`, nested for dotted names
 * (`stripe_balance.stripe_transfers`).
 */

/** The configurations an Account can have. */
export const CONFIGURATION_OPTIONS: INodePropertyOptions[] = [
	{ name: 'Customer', value: 'customer', description: 'The account pays the platform' },
	{ name: 'Merchant', value: 'merchant', description: 'The account accepts payments' },
	{
		name: 'Recipient',
		value: 'recipient',
		description: 'The account receives transfers and pays out',
	},
];

const MERCHANT_CAPABILITIES = [
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
	'sunbit_payments',
	'swish_payments',
	'twint_payments',
	'us_bank_transfer_payments',
	'zip_payments',
];

const RECIPIENT_CAPABILITIES = [
	'bank_accounts.ach',
	'bank_accounts.fedwire',
	'bank_accounts.fps',
	'bank_accounts.local',
	'bank_accounts.rtp',
	'bank_accounts.sepa',
	'bank_accounts.swift',
	'cards',
	'stripe_balance.stripe_transfers',
];

const CUSTOMER_CAPABILITIES = ['automatic_indirect_tax'];

const UPPER_CASE_WORDS = new Set([
	'ach',
	'acss',
	'au',
	'becs',
	'bacs',
	'eps',
	'fps',
	'fpx',
	'gb',
	'jcb',
	'jp',
	'kr',
	'mx',
	'rtp',
	'sepa',
	'us',
]);

/** `bank_accounts.local` → "Bank Accounts: Local", `ach_debit_payments` → "ACH Debit Payments". */
function capabilityName(value: string): string {
	return value
		.split('.')
		.map((part) =>
			part
				.split('_')
				.map((word) =>
					UPPER_CASE_WORDS.has(word) ? word.toUpperCase() : word[0].toUpperCase() + word.slice(1),
				)
				.join(' '),
		)
		.join(': ');
}

function capabilityOptions(values: readonly string[]): INodePropertyOptions[] {
	return values
		.map((value) => ({ name: capabilityName(value), value }))
		.sort((a, b) => a.name.localeCompare(b.name));
}

/** Capability names as Stripe's nested request: `{ stripe_balance: { stripe_transfers: { requested: true } } }`. */
export function requestedCapabilities(names: unknown): IDataObject {
	const capabilities: IDataObject = {};
	for (const name of names as string[]) {
		const path = name.split('.');
		let node = capabilities;
		for (const key of path.slice(0, -1)) {
			node[key] ??= {};
			node = node[key] as IDataObject;
		}
		node[path[path.length - 1]] = { requested: true };
	}
	return capabilities;
}

function configurationField(
	name: 'merchant' | 'recipient' | 'customer',
	displayName: string,
	values: readonly string[],
	description: string,
): Field {
	return field({
		name,
		displayName,
		value: { kind: 'options', options: capabilityOptions(values) },
		to: { in: 'body', name: `configuration.${name}.capabilities` },
		shape: requestedCapabilities,
		description,
	});
}

/**
 * The Configurations collection: adding Merchant, Recipient or Customer applies that configuration
 * and requests the capabilities chosen for it (at least one).
 */
export function configurationsCollection(verb: 'apply' | 'request'): Field {
	const lead =
		verb === 'apply'
			? 'Applies the configuration and requests these capabilities'
			: 'Requests these capabilities of the configuration (applying it if it is not)';
	return collection(
		{
			name: 'configurations',
			displayName: 'Configurations',
			placeholder: 'Add Configuration',
			description: 'What the account does on the platform, with the capabilities each requests',
		},
		[
			configurationField(
				'merchant',
				'Merchant Capabilities',
				MERCHANT_CAPABILITIES,
				`${lead}, e.g. Card Payments`,
			),
			configurationField(
				'recipient',
				'Recipient Capabilities',
				RECIPIENT_CAPABILITIES,
				`${lead}, e.g. Stripe Balance: Stripe Transfers to receive transfers`,
			),
			configurationField('customer', 'Customer Capabilities', CUSTOMER_CAPABILITIES, `${lead}`),
		],
	);
}

const DEACTIVATE_PARAMETER = 'updateFields.deactivateConfigurations';
const DEACTIVATE_FIELD = 'Update Fields → Deactivate Configurations';

/**
 * Writes `configuration.<name>.applied: false` for each configuration to deactivate (checked by the
 * field's Param), after the capabilities Configurations requests are written into the same object.
 */
function applyDeactivations(_reader: ParameterReader, draft: RequestDraft): void {
	const names = draft.values.get(DEACTIVATE_PARAMETER) as string[] | undefined;
	if (names === undefined) return;
	const configuration = (draft.request.body.configuration ?? {}) as IDataObject;
	for (const name of names) {
		if (configuration[name] !== undefined) {
			throw new StripeInputError(
				DEACTIVATE_FIELD,
				`deactivates ${name}, but Configurations also requests ${name} capabilities. Do one of them per request.`,
			);
		}
		configuration[name] = { applied: false };
	}
	draft.request.body.configuration = configuration;
}

/** Update Fields → Deactivate Configurations: sends `applied: false` for each one chosen. */
export function deactivateConfigurationsField(): Field {
	const checked = field({
		name: 'deactivateConfigurations',
		displayName: 'Deactivate Configurations',
		value: { kind: 'options', options: CONFIGURATION_OPTIONS },
		description:
			'Configurations to deactivate (applied: false). A deactivated configuration must be applied again before other changes to it.',
	});
	return { ...checked, steps: [applyDeactivations] };
}
