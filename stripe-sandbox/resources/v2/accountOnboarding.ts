import type { SandboxCore } from '../../core';
import type { StripeObject } from '../../store';
import { emitV2Event } from '../../v2/events';
import { refreshEnablement } from '../connectedAccount';
import { setCapabilities } from '../capabilities';
import { CONFIGURATION_NAMES, v1CapabilityOf } from './accountConfigurations';
import {
	announceCapabilityChanges,
	appliedConfigurations,
	requireV2Account,
	statusesBeforeChange,
} from './accountState';

/**
 * What happens when the account holder finishes Stripe's hosted onboarding: the account link
 * reports `v2.core.account_link.returned` (when one was created), every requested capability
 * becomes active (v1 `capability.updated` / `account.updated` for those with a v1 twin), and the v2
 * capability and requirements events follow. The sandbox never does this by itself.
 */
export function completeOnboarding(core: SandboxCore, accountId: string): StripeObject {
	const { account, state } = requireV2Account(core, accountId, 'account');
	const before = statusesBeforeChange(core, account);
	const useCase = core.store.internals(account.id).lastAccountLinkUseCase;
	if (typeof useCase === 'string') {
		emitV2Event(core, {
			type: 'v2.core.account_link.returned',
			data: {
				account_id: account.id,
				configurations: appliedConfigurations(state),
				use_case: useCase,
			},
		});
	}
	const v1Statuses: Record<string, 'active'> = {};
	for (const name of CONFIGURATION_NAMES) {
		const configuration = state.configuration[name];
		if (!configuration?.applied) continue;
		for (const capability of configuration.requested) {
			const v1 = v1CapabilityOf(name, capability);
			if (v1) v1Statuses[v1] = 'active';
			else configuration.capabilities[capability] = 'active';
		}
	}
	if (Object.keys(v1Statuses).length > 0) {
		setCapabilities(core, account.id, v1Statuses, { announceV2: false });
	} else {
		account.details_submitted = true;
		refreshEnablement(core, account);
	}
	announceCapabilityChanges(core, account, before);
	return account;
}
