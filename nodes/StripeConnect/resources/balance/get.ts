import type { INodeProperties } from 'n8n-workflow';

import { optionsCollection } from '../../shared/fields';
import { stripeOperation } from '../../shared/operation';

export const showOnlyForBalanceGet = { operation: ['get'], resource: ['balance'] };

export const balanceGetOperation = stripeOperation({
	name: 'Get',
	value: 'get',
	action: 'Get a balance',
	description:
		"Retrieves the platform's balance, or a connected account's when Options → Connected Account is set",
	effect: 'reads',
	method: 'GET',
	url: '/v1/balance',
});

export const balanceGetDescription: INodeProperties[] = [
	optionsCollection(showOnlyForBalanceGet, { connectedAccount: true }),
];
