import type { Field } from '../../shared/fields';
import { bodyText, field } from '../../shared/fields';

/** Business profile fields shared by Account → Create and Account → Update (sent as business_profile[…]). */
export function businessProfileFields(): Field[] {
	return [
		bodyText('name', 'Business Name', 'business_profile.name', {
			description: 'The customer-facing business name',
		}),
		bodyText('mcc', 'Merchant Category Code', 'business_profile.mcc', {
			placeholder: '5734',
			description: 'Four-digit MCC describing what the business sells',
		}),
		bodyText('productDescription', 'Product Description', 'business_profile.product_description'),
		bodyText('supportEmail', 'Support Email', 'business_profile.support_email', {
			placeholder: 'name@email.com',
		}),
		bodyText('supportPhone', 'Support Phone', 'business_profile.support_phone'),
		field({
			name: 'url',
			displayName: 'Website URL',
			value: { kind: 'text' },
			to: { in: 'body', name: 'business_profile.url' },
			placeholder: 'https://example.com',
		}),
	];
}

/** Capabilities that can be requested for a connected account. */
export const capabilityOptions = [
	{ name: 'Card Payments', value: 'card_payments' },
	{ name: 'Transfers', value: 'transfers' },
	{ name: 'ACH Debit Payments', value: 'us_bank_account_ach_payments' },
	{ name: 'SEPA Debit Payments', value: 'sepa_debit_payments' },
	{ name: 'Bancontact Payments', value: 'bancontact_payments' },
	{ name: 'iDEAL Payments', value: 'ideal_payments' },
	{ name: 'Link Payments', value: 'link_payments' },
	{ name: 'Tax Reporting (US 1099-K)', value: 'tax_reporting_us_1099_k' },
];
