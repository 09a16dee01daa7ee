import { STRIPE_ID_PREFIXES } from '../../../shared/validation';
import { pathIdField, type Field } from '../../shared/fields';

/** Account ID of a v2 operation, part of the path (`/v2/core/accounts/{accountId}…`). */
export function v2AccountIdField(): Field {
	return pathIdField(
		'accountId',
		'Account ID',
		STRIPE_ID_PREFIXES.account,
		'The v2 account (acct_…); an account made with the v1 Accounts API is refused by v2',
	);
}
