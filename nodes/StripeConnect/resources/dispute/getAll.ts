import type { IDataObject, INodeProperties } from 'n8n-workflow';

import {
	chargeFilter,
	dateRangeFilters,
	field,
	filters,
	paymentIntentFilter,
} from '../../shared/fields';
import { stripeOperation } from '../../shared/operation';

export const showOnlyForDisputeGetAll = { operation: ['getAll'], resource: ['dispute'] };

/** Every dispute status of 2026-10-28.endive, the appeal stage included. */
const DISPUTE_STATUSES = [
	{ name: 'Appeal Needs Response', value: 'appeal_needs_response' },
	{ name: 'Appeal Under Review', value: 'appeal_under_review' },
	{ name: 'Lost', value: 'lost' },
	{ name: 'Needs Response', value: 'needs_response' },
	{ name: 'Prevented', value: 'prevented' },
	{ name: 'Under Review', value: 'under_review' },
	{ name: 'Warning Closed', value: 'warning_closed' },
	{ name: 'Warning Needs Response', value: 'warning_needs_response' },
	{ name: 'Warning Under Review', value: 'warning_under_review' },
	{ name: 'Won', value: 'won' },
];

/**
 * Filters → Status. Stripe's dispute list has no status parameter, so the node reads the pages and
 * keeps the disputes in one of the chosen statuses; Limit counts only those.
 */
function keepStatuses(
	values: ReadonlyMap<string, unknown>,
): ((dispute: IDataObject) => boolean) | undefined {
	const statuses = values.get('filters.status') as string[] | undefined;
	return statuses ? (dispute) => statuses.includes(String(dispute.status)) : undefined;
}

const disputeGetAll = stripeOperation({
	name: 'Get Many',
	value: 'getAll',
	action: 'Get many disputes',
	description: 'Lists disputes, newest first, optionally only those in given statuses',
	effect: 'reads',
	method: 'GET',
	path: '/v1/disputes',
	show: showOnlyForDisputeGetAll,
	list: true,
	connectedAccount: true,
	keepListed: keepStatuses,
	fields: [
		filters([
			...dateRangeFilters('Created', 'created', 'created'),
			chargeFilter(),
			paymentIntentFilter(),
			field({
				name: 'status',
				displayName: 'Status',
				value: { kind: 'options', options: DISPUTE_STATUSES },
				description:
					'Only disputes in one of these statuses, e.g. Needs Response and Appeal Needs Response for those awaiting evidence. Stripe has no such filter: the node reads the pages and keeps the matches.',
			}),
		]),
	],
});

export const disputeGetAllOperation = disputeGetAll.option;
export const disputeGetAllDescription: INodeProperties[] = disputeGetAll.properties;
