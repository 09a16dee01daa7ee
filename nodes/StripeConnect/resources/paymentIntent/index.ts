import type { INodeProperties } from 'n8n-workflow';

import { paymentIntentCancelDescription, paymentIntentCancelOperation } from './cancel';
import { paymentIntentCaptureDescription, paymentIntentCaptureOperation } from './capture';
import { paymentIntentCreateDescription, paymentIntentCreateOperation } from './create';
import { paymentIntentGetDescription, paymentIntentGetOperation } from './get';
import { paymentIntentGetAllDescription, paymentIntentGetAllOperation } from './getAll';
import { paymentIntentSearchDescription, paymentIntentSearchOperation } from './search';
import { paymentIntentUpdateDescription, paymentIntentUpdateOperation } from './update';

const showOnlyForPaymentIntents = { resource: ['paymentIntent'] };

export const paymentIntentDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: showOnlyForPaymentIntents },
		options: [
			paymentIntentCancelOperation,
			paymentIntentCaptureOperation,
			paymentIntentCreateOperation,
			paymentIntentGetOperation,
			paymentIntentGetAllOperation,
			paymentIntentSearchOperation,
			paymentIntentUpdateOperation,
		],
		default: 'create',
	},
	...paymentIntentCancelDescription,
	...paymentIntentCaptureDescription,
	...paymentIntentCreateDescription,
	...paymentIntentGetDescription,
	...paymentIntentGetAllDescription,
	...paymentIntentSearchDescription,
	...paymentIntentUpdateDescription,
];
