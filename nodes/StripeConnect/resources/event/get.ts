import type { INodeProperties } from 'n8n-workflow';

import { STRIPE_ID_PREFIXES } from '../../../shared/validation';
import { pathIdField } from '../../shared/fields';
import { stripeOperation } from '../../shared/operation';

export const showOnlyForEventGet = { operation: ['get'], resource: ['event'] };

const eventGet = stripeOperation({
	name: 'Get',
	value: 'get',
	action: 'Get an event',
	description: 'Retrieves one event (from the last 30 days)',
	effect: 'reads',
	method: 'GET',
	path: '/v1/events/{eventId}',
	show: showOnlyForEventGet,
	connectedAccount: true,
	fields: [pathIdField('eventId', 'Event ID', STRIPE_ID_PREFIXES.event, 'The event (evt_…)')],
});

export const eventGetOperation = eventGet.option;
export const eventGetDescription: INodeProperties[] = eventGet.properties;
