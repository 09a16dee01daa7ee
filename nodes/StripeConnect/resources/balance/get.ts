import type { INodeProperties } from 'n8n-workflow';

import { stripeOperation } from '../../shared/operation';

export const showOnlyForBalanceGet = { operation: ['get'], resource: ['balance'] };

const balanceGet = stripeOperation({
	name: 'Get',
	value: 'get',
	action: 'Get a balance',
	description:
		"Retrieves the platform's balance, or a connected account's when Options → Connected Account is set",
	effect: 'reads',
	method: 'GET',
	path: '/v1/balance',
	show: showOnlyForBalanceGet,
	connectedAccount: true,
	fields: [],
});

export const balanceGetOperation = balanceGet.option;
export const balanceGetDescription: INodeProperties[] = balanceGet.properties;
