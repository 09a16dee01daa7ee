import type { Params, ParamValue } from '../types';
import type { RequestErrors } from './requestErrors';

/**
 * Rules of the pinned API version that the SDK's types cannot express, so the definitions do not
 * hold them. Each checks already typed parameters and throws what Stripe answers. Kept to the
 * rules Stripe documents on the parameters themselves; add one only with the documentation that
 * states it.
 */
type Rule = (params: Params, errors: RequestErrors, apiVersion: string) => void;

function objectAt(params: Params, path: string[]): Record<string, ParamValue> | undefined {
	let current: ParamValue | undefined = params;
	for (const key of path) {
		if (!current || typeof current !== 'object' || Array.isArray(current)) return undefined;
		current = current[key];
	}
	return current && typeof current === 'object' && !Array.isArray(current) ? current : undefined;
}

function isSet(value: ParamValue | undefined): boolean {
	return value !== undefined && value !== '';
}

/**
 * A payout schedule (`settings[payouts][schedule]` on accounts, `payments[payouts][schedule]` on
 * balance settings). The SDK documents each anchor as "Required and applicable only if `interval`
 * is `weekly`" (or `monthly`), and `monthly_payout_days` as "applicable only if `interval` is
 * `monthly` and `monthly_anchor` is not set". So, when the request sets the interval:
 * - weekly needs `weekly_anchor` or `weekly_payout_days` (whichever the endpoint has), monthly needs
 *   `monthly_anchor` or `monthly_payout_days`: otherwise `parameter_missing` on the anchor;
 * - an anchor or day list of the other interval is refused;
 * and `monthly_payout_days` is refused next to `monthly_anchor`. A request that changes an anchor
 * without the interval is checked by Stripe against the account's stored schedule, which a
 * stateless validator cannot see; it passes here.
 */
function payoutScheduleRule(path: string[]): Rule {
	return (params, errors, apiVersion) => {
		const schedule = objectAt(params, path);
		if (!schedule) return;
		const name = (field: string) => [...path, field].reduce(errors.child);
		const intervalName = name('interval');
		const fieldsOf = (interval: 'weekly' | 'monthly') =>
			[`${interval}_anchor`, `${interval}_payout_days`].filter((field) => isSet(schedule[field]));
		if (isSet(schedule.monthly_anchor) && isSet(schedule.monthly_payout_days)) {
			throw errors.rule(
				name('monthly_payout_days'),
				`${name('monthly_payout_days')} applies only when ${name('monthly_anchor')} is not set (Stripe API ${apiVersion}).`,
			);
		}
		const interval = schedule.interval;
		if (!isSet(interval)) return;
		for (const other of ['weekly', 'monthly'] as const) {
			if (interval === other) continue;
			const [misplaced] = fieldsOf(other);
			if (misplaced) {
				throw errors.rule(
					name(misplaced),
					`${name(misplaced)} applies only when ${intervalName} is ${other}; it is ${String(interval)} (Stripe API ${apiVersion}).`,
				);
			}
		}
		if ((interval === 'weekly' || interval === 'monthly') && fieldsOf(interval).length === 0) {
			const anchor = path[0] === 'settings' ? `${interval}_anchor` : `${interval}_payout_days`;
			throw errors.missing(name(anchor));
		}
	};
}

/** `GET /v1/events` takes `type` or `types[]`, never both (Stripe: "one of type or types"). */
const oneEventTypeFilter: Rule = (params, errors) => {
	if (isSet(params.type) && params.types !== undefined) throw errors.exclusive(['type', 'types']);
};

const accountSchedule = payoutScheduleRule(['settings', 'payouts', 'schedule']);

/** The rules, by endpoint (`METHOD template` as in the definitions). */
export const REQUEST_RULES: Record<string, Rule[]> = {
	'POST /v1/accounts': [accountSchedule],
	'POST /v1/accounts/{id}': [accountSchedule],
	'POST /v1/balance_settings': [payoutScheduleRule(['payments', 'payouts', 'schedule'])],
	'GET /v1/events': [oneEventTypeFilter],
};
