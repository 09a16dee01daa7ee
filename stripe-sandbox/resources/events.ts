import { invalidRequest } from '../errors';
import { objectInPath, retrieveRoute } from '../objectRoutes';
import { matchesRange } from '../listFilters';
import { paginate } from '../pagination';
import type { RouteTable } from '../types';

/** Routes for GET /v1/events (type, types[] up to 20, created, delivery_success) and one event. */
export const eventRoutes: RouteTable = {
	'GET /v1/events': ({ core, account, params, path }) => {
		if (params.type !== undefined && params.types !== undefined) {
			throw invalidRequest(
				'You may only specify one of these parameters: type, types.',
				undefined,
				'types',
			);
		}
		const types = Array.isArray(params.types) ? (params.types as string[]) : undefined;
		if (types && types.length > 20)
			throw invalidRequest('You may only filter on up to 20 event types.', undefined, 'types');
		const typePattern =
			typeof params.type === 'string'
				? new RegExp(
						`^${params.type
							.split('*')
							.map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
							.join('.*')}$`,
					)
				: undefined;
		const events = core.store.newestFirst(account, 'event', (event) => {
			const type = String(event.type);
			if (typePattern && !typePattern.test(type)) return false;
			if (types && !types.includes(type)) return false;
			if (typeof params.delivery_success === 'boolean') {
				const failed = core.store.internals(event.id).deliveryFailed === true;
				if (params.delivery_success === failed) return false;
			}
			return matchesRange(event.created, params.created);
		});
		return paginate(core, events, params, path, 'event');
	},
	'GET /v1/events/{id}': retrieveRoute(objectInPath('event', 'id')),
};
