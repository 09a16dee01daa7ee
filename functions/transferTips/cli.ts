import { EventBridgeClient } from '@aws-sdk/client-eventbridge';

import { startSandbox, type StripeSandbox } from '../../stripe-sandbox';
import { effectiveRequestsPerSecond, readTipsConfig } from '../shared/config';
import {
	createProgressLine,
	formatAmount,
	formatEventLines,
	formatTable,
	parseCliFlags,
} from '../shared/cliReport';
import {
	createCollectingSink,
	createEventBridgePublisher,
	type EventSink,
} from '../shared/eventPublisher';
import { createObservability } from '../shared/observability';
import { RequestBudget } from '../shared/requestBudget';
import { createStripeClient, resolveStripeSecretKey } from '../shared/stripeClient';
import { parseAttempt, parsePayPeriod, previousPayPeriod } from './period';
import { runTipTransfers, type TipRunResult } from './tips';

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
		.map(([reason, count]) => `${reason.replace(/_/g, ' ')} ${count}`)
		.join(', ');
	const counts = [
		summary.dryRun ? `planned ${summary.counts.planned}` : `created ${summary.counts.created}`,
		`already paid ${summary.counts.alreadyTransferred}`,
		`skipped ${Object.values(summary.counts.skipped).reduce((sum, count) => sum + (count ?? 0), 0)}${skipped ? ` (${skipped})` : ''}`,
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

async function main(argv: string[]): Promise<number> {
	const flags = parseCliFlags(argv, ['period', 'attempt']);
	if (flags.help) {
		process.stdout.write(`${USAGE}\n`);
		return 0;
	}
	const config = readTipsConfig(process.env);
	let sandbox: StripeSandbox | undefined;
	try {
		let secretKey: string;
		let apiBase: URL;
		let now: number;
		if (config.stripeKey === undefined) {
			sandbox = await startSandbox({ seed: 'demo' });
			secretKey = sandbox.secretKey;
			apiBase = new URL(sandbox.url);
			now = sandbox.now();
			process.stderr.write(
				`No STRIPE_SECRET_KEY: using a freshly seeded sandbox at ${sandbox.url}\n`,
			);
		} else {
			secretKey = await resolveStripeSecretKey(config.stripeKey);
			apiBase = config.stripeApiBase;
			now = Date.now() / 1000;
		}
		const attempt = parseAttempt(flags.values.attempt);
		const period =
			flags.values.period === undefined
				? previousPayPeriod(now, config.timeZone)
				: parsePayPeriod(flags.values.period, config.timeZone);
		const printOnly = flags.dryRun || config.eventBusName === undefined;
		const collector = createCollectingSink();
		const sink: EventSink = printOnly
			? collector
			: createEventBridgePublisher({
					client: new EventBridgeClient({}),
					eventBusName: config.eventBusName as string,
				});
		const budget = new RequestBudget({
			requestsPerSecond: effectiveRequestsPerSecond(config, secretKey),
			maxConcurrency: config.maxConcurrency,
			maxAttempts: config.maxAttempts,
		});
		const progress = createProgressLine(
			process.stderr,
			process.stderr.isTTY === true && !flags.json,
		);
		const startedAt = Date.now();
		const { logger } = createObservability('transfer-tips', { silent: true });
		const result = await runTipTransfers({
			stripe: createStripeClient(secretKey, apiBase),
			budget,
			period,
			metadataKeys: { amount: config.amountMetadataKey, recipient: config.recipientMetadataKey },
			minimums: config.minimumAmounts,
			dryRun: flags.dryRun,
			attempt,
			sink,
			logger,
			onProgress: (state) => {
				const seconds = Math.max(0.001, (Date.now() - startedAt) / 1000);
				progress.update(
					`${state.stage} ${state.done}/${state.total} · ${(state.apiCalls / seconds).toFixed(1)} req/s`,
				);
			},
		});
		progress.done();
		if (flags.json) {
			process.stdout.write(`${JSON.stringify(result.published, null, 2)}\n`);
			return 0;
		}
		const destination = printOnly
			? `printed${flags.dryRun ? '' : ' (EVENT_BUS_NAME is not set)'}`
			: `published to ${config.eventBusName}`;
		process.stdout.write(`${formatTipReport(result, destination)}\n`);
		if (printOnly) process.stdout.write(`\n${formatEventLines(collector.events)}\n`);
		return 0;
	} finally {
		await sandbox?.close();
	}
}

main(process.argv.slice(2)).then(
	(code) => {
		process.exitCode = code;
	},
	(error: unknown) => {
		process.stderr.write(`tips: ${error instanceof Error ? error.message : String(error)}\n`);
		process.exitCode = 1;
	},
);
