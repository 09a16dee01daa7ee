import type { INodeProperties } from 'n8n-workflow';

/** Business profile options shared by Account → Create and Account → Update (sent as business_profile[…]). */
export const businessProfileOptions: INodeProperties[] = [
	{
		displayName: 'Business Name',
		name: 'name',
		type: 'string',
		default: '',
		description: 'The customer-facing business name',
		routing: { send: { type: 'body', property: 'business_profile.name' } },
	},
	{
		displayName: 'Merchant Category Code',
		name: 'mcc',
		type: 'string',
		default: '',
		placeholder: '5734',
		description: 'Four-digit MCC describing what the business sells',
		routing: { send: { type: 'body', property: 'business_profile.mcc' } },
	},
	{
		displayName: 'Product Description',
		name: 'productDescription',
		type: 'string',
		default: '',
		routing: { send: { type: 'body', property: 'business_profile.product_description' } },
	},
	{
		displayName: 'Support Email',
		name: 'supportEmail',
		type: 'string',
		placeholder: 'name@email.com',
		default: '',
		routing: { send: { type: 'body', property: 'business_profile.support_email' } },
	},
	{
		displayName: 'Support Phone',
		name: 'supportPhone',
		type: 'string',
		default: '',
		routing: { send: { type: 'body', property: 'business_profile.support_phone' } },
	},
	{
		displayName: 'Website URL',
		name: 'url',
		type: 'string',
		default: '',
		placeholder: 'https://example.com',
		routing: { send: { type: 'body', property: 'business_profile.url' } },
	},
];

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
