import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	INodeExecutionData,
} from 'n8n-workflow';

import { executeStripeRequest } from '../../../shared/stripeRequest';

/** The payout settings of an account answer, with the account ID beside them. */
export function payoutScheduleOf(account: IDataObject): IDataObject {
	const settings = (account.settings as IDataObject | undefined) ?? {};
	const payouts = (settings.payouts as IDataObject | undefined) ?? {};
	return { account: account.id, ...payouts };
}

/** Request hook for the Payout Schedule operations: sends the account request, returns only its payout settings. */
export async function sendPayoutScheduleRequest(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	return [{ json: payoutScheduleOf(await executeStripeRequest(this, requestData)) }];
}
