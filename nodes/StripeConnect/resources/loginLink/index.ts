import type { INodeProperties } from 'n8n-workflow';

import { loginLinkCreateDescription, loginLinkCreateOperation } from './create';

const showOnlyForLoginLinks = { resource: ['loginLink'] };

export const loginLinkDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: showOnlyForLoginLinks },
		options: [loginLinkCreateOperation],
		default: 'create',
	},
	...loginLinkCreateDescription,
];
