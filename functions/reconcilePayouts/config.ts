import {
	ConfigError,
	readCommonConfig,
	readNumber,
	readTrimmed,
	type CommonJobConfig,
	type Environment,
} from '../shared/config';

/** Settings of the payout reconciliation job. */
export interface ReconciliationConfig extends CommonJobConfig {
	lookbackHours: number;
	overlapHours: number;
	overdueGraceHours: number;
	/** Explicit accounts to reconcile; undefined means every connected account. */
	accounts: string[] | undefined;
}

const ACCOUNT_ID = /^acct_[A-Za-z0-9]+$/;

function readAccountList(env: Environment): string[] | undefined {
	const raw = readTrimmed(env, 'RECONCILE_ACCOUNTS');
	if (raw === undefined) return undefined;
	const accounts = raw
		.split(',')
		.map((account) => account.trim())
		.filter((account) => account !== '');
	const bad = accounts.find((account) => !ACCOUNT_ID.test(account));
	if (bad !== undefined || accounts.length === 0) {
		throw new ConfigError(
			'RECONCILE_ACCOUNTS',
			`"${bad ?? raw}" is not a connected account id. List ids like acct_123,acct_456 separated by commas, or unset it to reconcile every connected account.`,
		);
	}
	return [...new Set(accounts)];
}

/** Reads the reconciliation job's settings from the environment. */
export function readReconciliationConfig(env: Environment): ReconciliationConfig {
	return {
		...readCommonConfig(env),
		lookbackHours: readNumber(env, 'RECONCILE_LOOKBACK_HOURS', 24, {
			min: 1,
			max: 24 * 90,
			integer: false,
		}),
		overlapHours: readNumber(env, 'RECONCILE_OVERLAP_HOURS', 6, {
			min: 0,
			max: 24 * 30,
			integer: false,
		}),
		overdueGraceHours: readNumber(env, 'PAYOUT_OVERDUE_GRACE_HOURS', 48, {
			min: 0,
			max: 24 * 30,
			integer: false,
		}),
		accounts: readAccountList(env),
	};
}

/** Reads SCALE_BATCH_SIZE, the accounts per scale-mode batch (1–1000, default 100). */
export function readScaleBatchSize(raw: string | undefined): number {
	const value = Number(raw ?? '100');
	if (!Number.isInteger(value) || value < 1 || value > 1000) {
		throw new ConfigError(
			'SCALE_BATCH_SIZE',
			`"${raw}" is not a whole number between 1 and 1000. Set the scaleBatchSize stage parameter to such a value.`,
		);
	}
	return value;
}
