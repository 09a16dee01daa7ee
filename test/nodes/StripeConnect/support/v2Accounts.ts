/** The v2 accounts the Account V2 suites seed and create, as stripe 23.1.0's params type them. */
import type { IDataObject } from 'n8n-workflow';
import type Stripe from 'stripe';

/** A seeded account with the merchant and recipient configurations (sandbox state or the SDK). */
export function seededV2Account(
	metadata: Record<string, string> = {},
): Stripe.V2.Core.AccountCreateParams {
	return {
		display_name: 'Seeded Studio',
		contact_email: 'seeded@maker.example.com',
		identity: { country: 'US' },
		configuration: {
			merchant: { capabilities: { card_payments: { requested: true } } },
			recipient: { capabilities: { stripe_balance: { stripe_transfers: { requested: true } } } },
		},
		metadata,
	};
}

/** The item the account-v2-create fixture reads. */
export function makerItem(sellerId: string): IDataObject {
	return { name: 'Maker Studio', email: 'owner@maker.example.com', sellerId };
}

/** What account-v2-create sends for makerItem(sellerId), in the order the node writes it. */
export function createdAccountParams(sellerId: string): Stripe.V2.Core.AccountCreateParams {
	return {
		display_name: 'Maker Studio',
		contact_email: 'owner@maker.example.com',
		identity: { country: 'DE', entity_type: 'company' },
		configuration: {
			merchant: { capabilities: { card_payments: { requested: true } } },
			recipient: { capabilities: { stripe_balance: { stripe_transfers: { requested: true } } } },
		},
		contact_phone: '+4930123456',
		defaults: {
			currency: 'eur',
			profile: {
				business_url: 'https://maker.example.com',
				doing_business_as: 'Maker',
				product_description: 'Handmade prints',
			},
			responsibilities: { fees_collector: 'stripe', losses_collector: 'stripe' },
		},
		dashboard: 'full',
		include: ['configuration.merchant', 'configuration.recipient', 'requirements'],
		metadata: { seller_id: sellerId },
	};
}

/** What account-v2-update sends: details, one more merchant capability, a metadata key set and one removed. */
export function updatedAccountParams(): Stripe.V2.Core.AccountUpdateParams {
	return {
		display_name: 'Renamed Studio',
		contact_email: 'new@maker.example.com',
		defaults: { profile: { product_description: 'Prints and posters' } },
		configuration: {
			merchant: {
				capabilities: { card_payments: { requested: true }, link_payments: { requested: true } },
			},
		},
		include: ['configuration.merchant'],
		metadata: { tier: 'gold', legacy: null },
	};
}
