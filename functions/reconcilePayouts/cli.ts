import { EventBridgeClient } from '@aws-sdk/client-eventbridge';

import { startSandbox, type StripeSandbox } from '../../stripe-sandbox';
import { effectiveRequestsPerSecond, readReconciliationConfig } from '../shared/config';
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
import { OUTCOME_KINDS, resolveWindow, type ReconciliationSummary } from './core';
import { runReconciliation, type ReconciliationRunResult } from './reconcile';

const USAGE = `Usage: npm run reconcile -- [--since ISO] [--until ISO] [--dry-run] [--json]

Reconciles connected accounts' payouts whose arrival date is in [since, until) (default: the last
RECONCILE_LOOKBACK_HOURS plus RECONCILE_OVERLAP_HOURS) and publishes the events to EVENT_BUS_NAME.
Without STRIPE_SECRET_KEY it runs against a freshly seeded local sandbox; with --dry-run or without
EVENT_BUS_NAME it prints the events instead of publishing them. --json prints the events as JSON.`;

const OUTCOME_LABELS: Record<(typeof OUTCOME_KINDS)[number], string> = {
	reconciled: 'reconciled',
	mismatch: 'mismatch',
	failed: 'failed',
	overdue: 'overdue',
	not_reconcilable: 'not reconcilable',
	reconciliation_pending: 'reconciliation pending',
	in_flight: 'in flight',
	canceled: 'canceled',
};

/** The readable end-of-run report. */
export function formatReconciliationReport(
	result: ReconciliationRunResult,
	destination: string,
): string {
	const summary: ReconciliationSummary = result.summary;
	const counts = OUTCOME_KINDS.filter((kind) => summary.payouts[kind] > 0)
		.map((kind) => `${OUTCOME_LABELS[kind]} ${summary.payouts[kind]}`)
		.join(' · ');
	const amountRows = Object.entries(summary.amountsByCurrency).map(([currency, amounts]) => [
		currency.toUpperCase(),
		...OUTCOME_KINDS.filter((kind) => amounts[kind] !== undefined).map(
			(kind) => `${OUTCOME_LABELS[kind]} ${formatAmount(amounts[kind] ?? 0, currency)}`,
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

async function main(argv: string[]): Promise<number> {
	const flags = parseCliFlags(argv, ['since', 'until']);
	if (flags.help) {
		process.stdout.write(`${USAGE}\n`);
		return 0;
	}
	const config = readReconciliationConfig(process.env);
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
		const window = resolveWindow(
			{ since: flags.values.since, until: flags.values.until },
			now,
			config.lookbackHours,
			config.overlapHours,
		);
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
		const { logger } = createObservability('reconcile-payouts', { silent: true });
		const result = await runReconciliation({
			stripe: createStripeClient(secretKey, apiBase),
			budget,
			accounts: config.accounts,
			window,
			now,
			overdueGraceSeconds: config.overdueGraceHours * 3600,
			accountConcurrency: config.maxConcurrency,
			sink,
			logger,
			onProgress: (state) => {
				const seconds = Math.max(0.001, (Date.now() - startedAt) / 1000);
				const outcomes = Object.entries(state.outcomes)
					.map(([kind, count]) => `${kind} ${count}`)
					.join(' ');
				progress.update(
					`accounts ${state.accountsDone}/${state.accountsTotal} · ${(state.apiCalls / seconds).toFixed(1)} req/s · ${outcomes}`,
				);
			},
		});
		progress.done();
		if (flags.json) {
			process.stdout.write(`${JSON.stringify(result.published, null, 2)}\n`);
			return 0;
		}
		const destination = printOnly
			? `printed${flags.dryRun ? ' (dry run, nothing published)' : ' (EVENT_BUS_NAME is not set)'}`
			: `published to ${config.eventBusName}`;
		process.stdout.write(`${formatReconciliationReport(result, destination)}\n`);
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
		process.stderr.write(`reconcile: ${error instanceof Error ? error.message : String(error)}\n`);
		process.exitCode = 1;
	},
);
