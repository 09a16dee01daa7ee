import type { INodeProperties } from 'n8n-workflow';

import { stripeOperation } from '../../shared/operation';

export const showOnlyForAccountGetPlatform = { operation: ['getPlatform'], resource: ['account'] };

const accountGetPlatform = stripeOperation({
	name: 'Get Platform Account',
	value: 'getPlatform',
	action: 'Get the platform account',
	description: "Retrieves the platform's own account (the owner of the API key)",
	effect: 'reads',
	method: 'GET',
	path: '/v1/account',
	show: showOnlyForAccountGetPlatform,
	fields: [],
});

export const accountGetPlatformOperation = accountGetPlatform.option;
export const accountGetPlatformDescription: INodeProperties[] = accountGetPlatform.properties;
