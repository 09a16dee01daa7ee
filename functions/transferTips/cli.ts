import { asWords, formatAmount, formatTable } from '../shared/cliReport';
import { runJobCli, type JobCli } from '../shared/cliRunner';
import { readTipsConfig, type TipsConfig } from './config';
import { parseAttempt, parsePayPeriod, previousPayPeriod } from './period';
import { runTipTransfers, type TipRunResult } from './run';
import { countSkipped } from './summary';

const USAGE = `Usage: npm run tips -- [--period YYYY-Www] [--dry-run] [--json] [--attempt N]

Transfers the tips each connected account earned in the pay period (default: the previous complete
ISO week in TIPS_TIME_ZONE), once per recipient and currency, and publishes the events to
EVENT_BUS_NAME. Without STRIPE_SECRET_KEY it runs against a freshly seeded local sandbox. --dry-run
moves no money and reports Tip Transfer Planned events; without EVENT_BUS_NAME the events are
printed instead of published. --json prints the events as JSON. --attempt 2 (3, …) re-sends
transfers Stripe refused within the last 24 hours, after their cause (such as the balance) is fixed.`;

/** The readable end-of-run report. */
export function formatTipReport(result: TipRunResult, destination: string): string {
	const { summary } = result;
	const skipped = Object.entries(summary.counts.skipped)
		.map(([reason, count]) => `${asWords(reason)} ${count}`)
		.join(', ');
	const counts = [
		summary.dryRun ? `planned ${summary.counts.planned}` : `created ${summary.counts.created}`,
		`already paid ${summary.counts.alreadyTransferred}`,
		`skipped ${countSkipped(summary)}${skipped ? ` (${skipped})` : ''}`,
		`failed ${summary.counts.failed}`,
		...(summary.counts.notReached > 0 ? [`not reached ${summary.counts.notReached}`] : []),
	].join(' · ');
	const currencyRows = Object.entries(summary.totalsByCurrency).map(([currency, totals]) => [
		currency.toUpperCase(),
		summary.dryRun
			? `planned ${formatAmount(totals.planned, currency)}`
			: `transferred ${formatAmount(totals.transferred, currency)}`,
		`skipped ${formatAmount(totals.skipped, currency)}`,
		`failed ${formatAmount(totals.failed, currency)}`,
	]);
	const lines = [
		`Tip transfers ${summary.period}${summary.dryRun ? ' (dry run: no money moved)' : ''}  ${summary.periodStart} → ${summary.periodEnd} (${summary.timeZone})`,
		formatTable([
			[
				'Payments',
				`${summary.paymentsScanned} succeeded in the period, ${summary.recipients} recipients`,
			],
			['Transfers', counts],
			['Duration', `${(result.durationMs / 1000).toFixed(1)} s`],
			['Events', `${result.published.length} ${destination}`],
		]),
	];
	if (currencyRows.length > 0) lines.push('', 'Totals by currency', formatTable(currencyRows));
	return lines.join('\n');
}

const tipsCli: JobCli<TipsConfig, TipRunResult> = {
	command: 'tips',
	serviceName: 'transfer-tips',
	usage: USAGE,
	stringOptions: ['period', 'attempt'],
	readConfig: readTipsConfig,
	// The report's title already says the dry run moved no money.
	dryRunNote: '',
	run: ({ config, flags, now, showProgress, requestRate, ...connections }) => {
		const attempt = parseAttempt(flags.values.attempt);
		const period =
			flags.values.period === undefined
				? previousPayPeriod(now, config.timeZone)
				: parsePayPeriod(flags.values.period, config.timeZone);
		return runTipTransfers({
			...connections,
			period,
			metadataKeys: { amount: config.amountMetadataKey, recipient: config.recipientMetadataKey },
			minimums: config.minimumAmounts,
			dryRun: flags.dryRun,
			attempt,
			onProgress: (state) =>
				showProgress(
					`${state.stage} ${state.done}/${state.total} · ${requestRate(state.apiCalls)}`,
				),
		});
	},
	formatReport: formatTipReport,
};

void runJobCli(tipsCli);
