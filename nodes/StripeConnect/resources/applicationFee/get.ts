import type { INodeProperties } from 'n8n-workflow';

import { STRIPE_ID_PREFIXES } from '../../../shared/validation';
import { pathIdField } from '../../shared/fields';
import { stripeOperation } from '../../shared/operation';

export const showOnlyForApplicationFeeGet = { operation: ['get'], resource: ['applicationFee'] };

const applicationFeeGet = stripeOperation({
	name: 'Get',
	value: 'get',
	action: 'Get an application fee',
	description: 'Retrieves one application fee the platform collected',
	effect: 'reads',
	method: 'GET',
	path: '/v1/application_fees/{applicationFeeId}',
	show: showOnlyForApplicationFeeGet,
	fields: [
		pathIdField(
			'applicationFeeId',
			'Application Fee ID',
			STRIPE_ID_PREFIXES.applicationFee,
			'The application fee (fee_…)',
		),
	],
});

export const applicationFeeGetOperation = applicationFeeGet.option;
export const applicationFeeGetDescription: INodeProperties[] = applicationFeeGet.properties;
