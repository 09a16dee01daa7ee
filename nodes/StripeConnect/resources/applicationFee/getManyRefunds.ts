import type { INodeProperties } from 'n8n-workflow';

import { STRIPE_ID_PREFIXES } from '../../../shared/validation';
import { pathIdField } from '../../shared/fields';
import { stripeOperation } from '../../shared/operation';

export const showOnlyForApplicationFeeGetManyRefunds = {
	operation: ['getManyRefunds'],
	resource: ['applicationFee'],
};

const applicationFeeGetManyRefunds = stripeOperation({
	name: 'Get Many Refunds',
	value: 'getManyRefunds',
	action: 'Get many refunds of an application fee',
	description: 'Lists the refunds (fr_…) of one application fee',
	effect: 'reads',
	method: 'GET',
	path: '/v1/application_fees/{applicationFeeId}/refunds',
	show: showOnlyForApplicationFeeGetManyRefunds,
	list: true,
	fields: [
		pathIdField(
			'applicationFeeId',
			'Application Fee ID',
			STRIPE_ID_PREFIXES.applicationFee,
			'The application fee (fee_…)',
		),
	],
});

export const applicationFeeGetManyRefundsOperation = applicationFeeGetManyRefunds.option;
export const applicationFeeGetManyRefundsDescription: INodeProperties[] =
	applicationFeeGetManyRefunds.properties;
