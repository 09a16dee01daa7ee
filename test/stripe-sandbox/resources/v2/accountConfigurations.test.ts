import { describe, expect, it } from 'vitest';
import { validateStripeRequest } from '../../../../stripe-sandbox';
import {
	requestedCapabilities,
	v1CapabilityOf,
} from '../../../../stripe-sandbox/resources/v2/accountConfigurations';

describe('v2 account configurations', () => {
	it('reads capability requests by their dotted names, nested as the SDK sends them', () => {
		expect(
			requestedCapabilities({
				stripe_balance: { stripe_transfers: { requested: true } },
				bank_accounts: { local: { requested: false }, swift: { requested: true } },
				cards: { requested: true },
			}),
		).toEqual({
			'stripe_balance.stripe_transfers': true,
			'bank_accounts.local': false,
			'bank_accounts.swift': true,
			cards: true,
		});
		expect(requestedCapabilities(undefined)).toEqual({});
	});

	it('maps to v1 only capabilities the pinned version lets each configuration request', () => {
		for (const [configuration, capability] of [
			['merchant', 'card_payments'],
			['recipient', 'stripe_balance.stripe_transfers'],
		] as const) {
			expect(v1CapabilityOf(configuration, capability)).toBeDefined();
			const nested = capability
				.split('.')
				.reduceRight<Record<string, unknown>>((inner, key) => ({ [key]: inner }), {
					requested: true,
				});
			expect(() =>
				validateStripeRequest('POST', '/v2/core/accounts', {
					configuration: { [configuration]: { capabilities: nested } },
				}),
			).not.toThrow();
		}
		expect(v1CapabilityOf('recipient', 'cards')).toBeUndefined();
	});
});
