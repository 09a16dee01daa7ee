import { listRoute, objectInPath, retrieveRoute } from '../objectRoutes';
import type { RouteTable } from '../types';

/** The application fee named by `/v1/application_fees/{id}…`, or Stripe's 404. */
export const feeFromPath = objectInPath('application_fee', 'id');

/** The application fee named by `/v1/application_fees/{fee}/refunds/{id}`, or Stripe's 404. */
export const refundedFeeFromPath = objectInPath('application_fee', 'fee');

/** Routes for application fees: list and read (their refunds live in applicationFeeRefunds.ts). */
export const applicationFeeRoutes: RouteTable = {
	'GET /v1/application_fees': listRoute('application_fee', 'application fee', {
		equal: ['charge'],
	}),
	'GET /v1/application_fees/{id}': retrieveRoute(feeFromPath),
};
