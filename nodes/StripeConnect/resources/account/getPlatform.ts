import type { INodeProperties } from 'n8n-workflow';

import { optionsCollection } from '../../shared/fields';
import { stripeOperation } from '../../shared/operation';

export const showOnlyForAccountGetPlatform = { operation: ['getPlatform'], resource: ['account'] };

export const accountGetPlatformOperation = stripeOperation({
	name: 'Get Platform Account',
	value: 'getPlatform',
	action: 'Get the platform account',
	description: "Retrieves the platform's own account (the owner of the API key)",
	effect: 'reads',
	method: 'GET',
	url: '/v1/account',
});

export const accountGetPlatformDescription: INodeProperties[] = [
	optionsCollection(showOnlyForAccountGetPlatform, {}),
];
