import type { INodeProperties } from 'n8n-workflow';

import { STRIPE_ID_PREFIXES } from '../../../shared/validation';
import { idCheck } from '../../shared/checks';
import { idField, optionsCollection } from '../../shared/fields';
import { idPath, stripeOperation } from '../../shared/operation';

export const showOnlyForApplicationFeeGet = { operation: ['get'], resource: ['applicationFee'] };

export const applicationFeeGetOperation = stripeOperation({
	name: 'Get',
	value: 'get',
	action: 'Get an application fee',
	description: 'Retrieves one application fee the platform collected',
	effect: 'reads',
	method: 'GET',
	url: idPath('/v1/application_fees/', 'applicationFeeId'),
	checks: [idCheck('applicationFeeId', 'Application Fee ID', STRIPE_ID_PREFIXES.applicationFee)],
});

export const applicationFeeGetDescription: INodeProperties[] = [
	idField(
		'applicationFeeId',
		'Application Fee ID',
		'fee_…',
		showOnlyForApplicationFeeGet,
		'The application fee (fee_…)',
	),
	optionsCollection(showOnlyForApplicationFeeGet, {}),
];
