import type { INodeProperties } from 'n8n-workflow';

import { STRIPE_ID_PREFIXES } from '../../../shared/validation';
import { idCheck } from '../../shared/checks';
import { idField, listFields, optionsCollection } from '../../shared/fields';
import { idPath, stripeOperation } from '../../shared/operation';

export const showOnlyForApplicationFeeGetManyRefunds = {
	operation: ['getManyRefunds'],
	resource: ['applicationFee'],
};

export const applicationFeeGetManyRefundsOperation = stripeOperation({
	name: 'Get Many Refunds',
	value: 'getManyRefunds',
	action: 'Get many refunds of an application fee',
	description: 'Lists the refunds (fr_…) of one application fee',
	effect: 'reads',
	method: 'GET',
	url: idPath('/v1/application_fees/', 'applicationFeeId', '/refunds'),
	list: true,
	checks: [idCheck('applicationFeeId', 'Application Fee ID', STRIPE_ID_PREFIXES.applicationFee)],
});

export const applicationFeeGetManyRefundsDescription: INodeProperties[] = [
	idField(
		'applicationFeeId',
		'Application Fee ID',
		'fee_…',
		showOnlyForApplicationFeeGetManyRefunds,
		'The application fee (fee_…)',
	),
	...listFields(showOnlyForApplicationFeeGetManyRefunds),
	optionsCollection(showOnlyForApplicationFeeGetManyRefunds, {}),
];
