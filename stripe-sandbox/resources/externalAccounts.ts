import type { SandboxCore } from '../core';
import { present } from '../expand';
import { paginate } from '../pagination';
import type { StripeObject } from '../store';
import type { RouteTable } from '../types';

/** Stripe's test bank account, the one external account every sandbox connected account gets. */
export function createTestBankAccount(
	core: SandboxCore,
	input: { account: string; country: string; currency: string; holderName: string | null },
): StripeObject {
	const bankAccount: StripeObject = {
		id: core.ids.next('ba'),
		object: 'bank_account',
		account: input.account,
		account_holder_name: input.holderName,
		account_holder_type: null,
		account_type: null,
		available_payout_methods: ['standard', 'instant'],
		bank_name: 'STRIPE TEST BANK',
		country: input.country,
		currency: input.currency,
		default_for_currency: true,
		fingerprint: core.ids.token(16),
		future_requirements: { currently_due: [], errors: [], past_due: [], pending_verification: [] },
		last4: '6789',
		metadata: {},
		requirements: { currently_due: [], errors: [], past_due: [], pending_verification: [] },
		routing_number: '110000000',
		status: 'new',
	};
	return core.store.put(input.account, bankAccount);
}

/** Routes for a connected account's external accounts (read only: the test bank account). */
export const externalAccountRoutes: RouteTable = {
	'GET /v1/accounts/{account}/external_accounts': (context) => {
		const account = context.core.requireAccountInPath(context);
		const objects = context.core.store.newestFirst(
			account.id,
			'bank_account',
			(external) =>
				context.params.object === undefined || external.object === context.params.object,
		);
		return paginate(context.core, objects, context.params, context.path, 'external account');
	},
	'GET /v1/accounts/{account}/external_accounts/{id}': (context) => {
		const account = context.core.requireAccountInPath(context);
		return present(
			context.core,
			context.core.require(account.id, 'bank_account', context.pathParams.id, 'external account'),
			context.params.expand,
		);
	},
};
