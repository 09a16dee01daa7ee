import { asWords, formatAmount, formatTable } from '../shared/cliReport';
import { runJobCli, type JobCli } from '../shared/cliRunner';
import { readReconciliationConfig, type ReconciliationConfig } from './config';
import { OUTCOME_KINDS } from './outcomes';
import { runReconciliation, type ReconciliationRunResult } from './run';
import type { ReconciliationSummary } from './summary';
import { resolveWindow } from './window';

const USAGE = `Usage: npm run reconcile -- [--since ISO] [--until ISO] [--dry-run] [--json]

Reconciles connected accounts' payouts whose arrival date is in [since, until) (default: the last
RECONCILE_LOOKBACK_HOURS plus RECONCILE_OVERLAP_HOURS) and publishes the events to EVENT_BUS_NAME.
Without STRIPE_SECRET_KEY it runs against a freshly seeded local sandbox; with --dry-run or without
EVENT_BUS_NAME it prints the events instead of publishing them. --json prints the events as JSON.`;

/** The readable end-of-run report. */
export function formatReconciliationReport(
	result: ReconciliationRunResult,
	destination: string,
): string {
	const summary: ReconciliationSummary = result.summary;
	const counts = OUTCOME_KINDS.filter((kind) => summary.payouts[kind] > 0)
		.map((kind) => `${asWords(kind)} ${summary.payouts[kind]}`)
		.join(' · ');
	const amountRows = Object.entries(summary.amountsByCurrency).map(([currency, amounts]) => [
		currency.toUpperCase(),
		...OUTCOME_KINDS.filter((kind) => amounts[kind] !== undefined).map(
			(kind) => `${asWords(kind)} ${formatAmount(amounts[kind] ?? 0, currency)}`,
		),
	]);
	const notReached = summary.accounts.notReached
		.map(
			(shortfall) =>
				`  ${shortfall.account}  ${shortfall.reason}${shortfall.message ? `: ${shortfall.message}` : ''}`,
		)
		.join('\n');
	const lines = [
		`Payout reconciliation  ${summary.window.since} → ${summary.window.until}`,
		formatTable([
			['Accounts', `${summary.accounts.completed} of ${summary.accounts.total} reconciled`],
			['Payouts', counts === '' ? 'none in the window' : counts],
			[
				'Stripe',
				`${summary.apiCalls} API calls, ${summary.retries} retries, ${(result.durationMs / 1000).toFixed(1)} s`,
			],
			['Events', `${result.published.length} ${destination}`],
		]),
	];
	if (amountRows.length > 0) lines.push('', 'Amounts by currency', formatTable(amountRows));
	if (notReached !== '')
		lines.push('', 'Accounts not reached (a later run picks them up)', notReached);
	return lines.join('\n');
}

const reconcileCli: JobCli<ReconciliationConfig, ReconciliationRunResult> = {
	command: 'reconcile',
	serviceName: 'reconcile-payouts',
	usage: USAGE,
	stringOptions: ['since', 'until'],
	readConfig: readReconciliationConfig,
	dryRunNote: ' (dry run, nothing published)',
	run: ({ config, flags, now, showProgress, requestRate, ...connections }) =>
		runReconciliation({
			...connections,
			accounts: config.accounts,
			window: resolveWindow(
				{ since: flags.values.since, until: flags.values.until },
				now,
				config.lookbackHours,
				config.overlapHours,
			),
			now,
			overdueGraceSeconds: config.overdueGraceHours * 3600,
			accountConcurrency: config.maxConcurrency,
			onProgress: (state) => {
				const outcomes = Object.entries(state.outcomes)
					.map(([kind, count]) => `${kind} ${count}`)
					.join(' ');
				showProgress(
					`accounts ${state.accountsDone}/${state.accountsTotal} · ${requestRate(state.apiCalls)} · ${outcomes}`,
				);
			},
		}),
	formatReport: formatReconciliationReport,
};

void runJobCli(reconcileCli);
