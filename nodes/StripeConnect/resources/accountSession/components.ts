import type { IDataObject, INodePropertyOptions } from 'n8n-workflow';

import { StripeInputError } from '../../../shared/validation';
import type { Field } from '../../shared/fields';
import { collection, field } from '../../shared/fields';
import type { ParameterReader } from '../../shared/parameterReader';
import type { RequestDraft } from '../../shared/parameters';

/**
 * Every embedded component of AccountSessionCreateParams.Components in stripe 23.1.0
 * (2026-10-28.endive) and the features each can turn on or off. A test checks this list against the
 * pinned version's definitions, so a component Stripe adds shows up as a failing test.
 */
export const ACCOUNT_SESSION_COMPONENTS: Readonly<Record<string, readonly string[]>> = {
	account_management: ['disable_stripe_user_authentication', 'external_account_collection'],
	account_onboarding: ['disable_stripe_user_authentication', 'external_account_collection'],
	balance_report: [],
	balances: [
		'disable_stripe_user_authentication',
		'edit_payout_schedule',
		'external_account_collection',
		'instant_payouts',
		'standard_payouts',
	],
	disputes_list: [
		'capture_payments',
		'destination_on_behalf_of_charge_management',
		'dispute_management',
		'refund_management',
		'smart_disputes_management',
	],
	documents: [],
	financial_account: [
		'disable_stripe_user_authentication',
		'external_account_collection',
		'send_money',
		'transfer_balance',
	],
	financial_account_transactions: ['card_spend_dispute_management'],
	instant_payouts_promotion: [
		'disable_stripe_user_authentication',
		'external_account_collection',
		'instant_payouts',
	],
	issuing_card: [
		'card_management',
		'card_spend_dispute_management',
		'cardholder_management',
		'spend_control_management',
	],
	issuing_cards_list: [
		'card_management',
		'card_spend_dispute_management',
		'cardholder_management',
		'disable_stripe_user_authentication',
		'spend_control_management',
	],
	notification_banner: ['disable_stripe_user_authentication', 'external_account_collection'],
	payment_details: [
		'capture_payments',
		'destination_on_behalf_of_charge_management',
		'dispute_management',
		'refund_management',
		'smart_disputes_management',
	],
	payment_disputes: [
		'destination_on_behalf_of_charge_management',
		'dispute_management',
		'refund_management',
		'smart_disputes_management',
	],
	payment_method_settings: ['disable_stripe_user_authentication'],
	payments: [
		'capture_payments',
		'destination_on_behalf_of_charge_management',
		'dispute_management',
		'refund_management',
		'smart_disputes_management',
	],
	payout_details: [],
	payout_reconciliation_report: [],
	payouts: [
		'disable_stripe_user_authentication',
		'edit_payout_schedule',
		'external_account_collection',
		'instant_payouts',
		'standard_payouts',
	],
	payouts_list: [],
	reporting_chart: [],
	tax_registrations: [],
	tax_settings: [],
	terminal_hardware_orders: [],
	terminal_hardware_shop: [],
};

function titleOf(name: string): string {
	return name
		.split('_')
		.map((word) => word.charAt(0).toUpperCase() + word.slice(1))
		.join(' ');
}

const COMPONENT_OPTIONS: INodePropertyOptions[] = Object.keys(ACCOUNT_SESSION_COMPONENTS).map(
	(name) => ({ name: titleOf(name), value: name }),
);

/** `component.feature` options, e.g. "Payouts: Instant Payouts" → `payouts.instant_payouts`. */
const FEATURE_OPTIONS: INodePropertyOptions[] = Object.entries(ACCOUNT_SESSION_COMPONENTS).flatMap(
	([component, features]) =>
		features.map((feature) => ({
			name: `${titleOf(component)}: ${titleOf(feature)}`,
			value: `${component}.${feature}`,
		})),
);

const TURN_ON = 'Component Features → Turn On';
const TURN_OFF = 'Component Features → Turn Off';

/**
 * Writes `components[<name>][features][<feature>]` for the features chosen to turn on or off. A
 * feature belongs to a component: choosing one of a component that is not enabled, or one feature
 * both on and off, is an error naming the field, never a silently dropped setting.
 */
function applyComponentFeatures(_reader: ParameterReader, draft: RequestDraft): void {
	const components = draft.request.body.components as Record<string, IDataObject>;
	const turnOn = (draft.values.get('componentFeatures.turnOn') as string[] | undefined) ?? [];
	const turnOff = (draft.values.get('componentFeatures.turnOff') as string[] | undefined) ?? [];
	const both = turnOn.filter((feature) => turnOff.includes(feature));
	if (both.length > 0) {
		throw new StripeInputError(
			`${TURN_ON} and ${TURN_OFF}`,
			`both name ${both.join(', ')}. Keep each feature in one of them.`,
		);
	}
	const settings: Array<[string, string[], boolean]> = [
		[TURN_ON, turnOn, true],
		[TURN_OFF, turnOff, false],
	];
	for (const [fieldName, chosen, enabled] of settings) {
		for (const choice of chosen) {
			const [component, feature] = choice.split('.');
			const target = components[component];
			if (!target) {
				throw new StripeInputError(
					fieldName,
					`"${choice}" is a feature of ${component}, which Components does not enable. Add ${component} to Components, or remove the feature.`,
				);
			}
			target.features = {
				...((target.features as IDataObject | undefined) ?? {}),
				[feature]: enabled,
			};
		}
	}
}

/** Components (each sent enabled) and the optional features to turn on or off. */
export function accountSessionComponentFields(): Field[] {
	return [
		field({
			name: 'components',
			displayName: 'Components',
			value: { kind: 'options', options: COMPONENT_OPTIONS },
			default: ['account_onboarding'],
			description: 'The embedded components to enable for this session',
			to: { in: 'body', name: 'components' },
			shape: (names) =>
				Object.fromEntries((names as string[]).map((name) => [name, { enabled: true }])),
		}),
		{
			...collection(
				{
					name: 'componentFeatures',
					displayName: 'Component Features',
					placeholder: 'Add Setting',
					description:
						"Features of the enabled components to turn on or off; the others keep Stripe's defaults",
				},
				[
					field({
						name: 'turnOn',
						displayName: 'Turn On',
						value: { kind: 'options', options: FEATURE_OPTIONS },
						description: 'Features to enable, e.g. Payouts: Instant Payouts',
					}),
					field({
						name: 'turnOff',
						displayName: 'Turn Off',
						value: { kind: 'options', options: FEATURE_OPTIONS },
						description:
							'Features to disable, e.g. Account Onboarding: External Account Collection',
					}),
				],
			),
			steps: [applyComponentFeatures],
		},
	];
}
