import { present } from '../expand';
import { listFilter } from '../listFilters';
import { paginate } from '../pagination';
import type { HandlerContext, RouteTable } from '../types';
import type { StripeObject } from '../store';

/** The application fee named by the path parameter `param`, or Stripe's 404. */
export function feeFromPath(context: HandlerContext, param: 'id' | 'fee'): StripeObject {
	return context.core.require(
		context.account,
		'application_fee',
		context.pathParams[param],
		'application fee',
	);
}

/** Routes for application fees: list and read (their refunds live in applicationFeeRefunds.ts). */
export const applicationFeeRoutes: RouteTable = {
	'GET /v1/application_fees': ({ core, account, params, path }) => {
		const fees = core.store.newestFirst(
			account,
			'application_fee',
			listFilter(params, { equal: ['charge'] }),
		);
		return paginate(core, fees, params, path, 'application fee');
	},
	'GET /v1/application_fees/{id}': (context) =>
		present(context.core, feeFromPath(context, 'id'), context.params.expand),
};
