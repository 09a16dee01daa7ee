import type { INodeProperties } from 'n8n-workflow';

import { STRIPE_ID_PREFIXES } from '../../../shared/validation';
import { idCheck } from '../../shared/checks';
import { idField, optionsCollection } from '../../shared/fields';
import { idPath, stripeOperation } from '../../shared/operation';

export const showOnlyForEventGet = { operation: ['get'], resource: ['event'] };

export const eventGetOperation = stripeOperation({
	name: 'Get',
	value: 'get',
	action: 'Get an event',
	description: 'Retrieves one event (from the last 30 days)',
	effect: 'reads',
	method: 'GET',
	url: idPath('/v1/events/', 'eventId'),
	checks: [idCheck('eventId', 'Event ID', STRIPE_ID_PREFIXES.event)],
});

export const eventGetDescription: INodeProperties[] = [
	idField('eventId', 'Event ID', 'evt_…', showOnlyForEventGet, 'The event (evt_…)'),
	optionsCollection(showOnlyForEventGet, { connectedAccount: true }),
];
