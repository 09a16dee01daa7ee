import type { IDataObject } from 'n8n-workflow';

/** The payout settings of an account answer, with the account ID beside them. */
export function payoutScheduleOf(account: IDataObject): IDataObject {
	const settings = (account.settings as IDataObject | undefined) ?? {};
	const payouts = (settings.payouts as IDataObject | undefined) ?? {};
	return { account: account.id, ...payouts };
}
