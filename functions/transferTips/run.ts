import type { Metrics } from '@aws-lambda-powertools/metrics';

import { openEventStream } from '../shared/eventSinks';
import type { JobEvent } from '../shared/jobEvents';
import type { JobConnections } from '../shared/jobRun';
import { MetricUnit } from '../shared/observability';
import type { RequestBudget } from '../shared/requestBudget';
import { settle, valueOf } from '../shared/settled';
import type { TimeBudget } from '../shared/timeBudget';
import {
	aggregateTips,
	type TipAggregation,
	type TipGroup,
	type TipMetadataKeys,
} from './aggregate';
import { availableForTransfers, currenciesCoveredByBalance, transferLanes } from './balance';
import type { MinimumAmounts } from './config';
import { buildBatchCompletedEvent, buildInvalidTipEvent, eventForOutcome } from './events';
import { answeredByStripe, type SettledDecision } from './outcomes';
import type { PaymentSlicing } from './paymentSlices';
import { listPeriodPayments } from './payments';
import type { PayPeriod } from './period';
import {
	assumeEveryRecipientPayable,
	indexExistingTransfers,
	planTipTransfers,
	recipientsToCheck,
	transferGroupOf,
	transfersOf,
	type RecipientAccount,
	type TransferRecord,
} from './plan';
import { lookUpRecipients } from './recipients';
import { countSkipped, summarizeTipRun, type TipBatchSummary } from './summary';
import { listPeriodTransfers, TransferPayer, type TipRunHooks } from './transfers';

/** Progress for terminals and logs. */
export interface TipRunProgress {
	stage: 'payments' | 'accounts' | 'transfers';
	done: number;
	total: number;
	apiCalls: number;
}

/** Everything a tip run needs. */
export interface TipRunInput extends JobConnections {
	period: PayPeriod;
	metadataKeys: TipMetadataKeys;
	minimums: MinimumAmounts;
	dryRun: boolean;
	/** 1 by default; 2, 3… re-send transfers Stripe refused within the last 24 hours (see idempotencyKeyOf). */
	attempt?: number;
	timeBudget?: TimeBudget;
	metrics?: Metrics;
	hooks?: TipRunHooks;
	onProgress?: (progress: TipRunProgress) => void;
	clock?: () => number;
	/** How the period's payments are split for reading in parallel; see PaymentSlicing for the defaults. */
	paymentSlicing?: Partial<PaymentSlicing>;
}

/** What a tip run did and published. */
export interface TipRunResult {
	summary: TipBatchSummary;
	decisions: SettledDecision[];
	published: JobEvent[];
	durationMs: number;
}

/**
 * Looks up the recipients and pays them. The platform balance is read once, beside the look-up. A
 * currency whose transfers would all fit the available balance even if every recipient still to
 * check could be paid gets one lane per transfer, started as soon as the recipient's account is
 * known (the look-up of many recipients takes a few sequential list pages). Their Idempotency-Keys
 * and the transfer-group look-up keep concurrency safe. Once every recipient is known, the other
 * currencies are judged on their final plan (see transferLanes).
 */
async function lookUpAndPay(
	input: TipRunInput,
	groups: TipGroup[],
	existing: Map<string, TransferRecord>,
	onAnswered: (settled: SettledDecision) => void,
): Promise<SettledDecision[]> {
	const progress = (stage: TipRunProgress['stage'], total: () => number) => (done: number) =>
		input.onProgress?.({ stage, done, total: total(), apiCalls: input.budget.stats().apiCalls });
	const candidates = recipientsToCheck(groups, existing, input.minimums);
	const plan = (accounts: Map<string, RecipientAccount | null>, planned = groups) =>
		planTipTransfers({
			periodId: input.period.id,
			attempt: input.attempt,
			groups: planned,
			existing,
			accounts,
			minimums: input.minimums,
		});
	const onLookupProgress = progress('accounts', () => candidates.length);
	if (input.dryRun || candidates.length === 0) {
		const accounts = await lookUpRecipients(input, candidates, { onProgress: onLookupProgress });
		return plan(accounts).map((decision) => ({ decision }));
	}
	const mostPayable = transfersOf(plan(assumeEveryRecipientPayable(candidates)));
	let expectedTotal = mostPayable.length;
	// Read beside the look-up. Until the look-up is done, a failed read only means no currency is
	// paid early; the plan after the look-up then reads it and the run fails with its error.
	const balance = settle(
		input.budget
			.call('balance.retrieve', () => input.stripe.balance.retrieve())
			.then((read) => availableForTransfers(read.available)),
	);
	const earlyCurrencies = balance.then((read) =>
		read.ok ? currenciesCoveredByBalance(mostPayable, read.value) : new Set<string>(),
	);

	const groupsByRecipient = new Map<string, TipGroup[]>();
	for (const group of groups) {
		groupsByRecipient.set(group.recipient, [
			...(groupsByRecipient.get(group.recipient) ?? []),
			group,
		]);
	}
	const payer = new TransferPayer(input, {
		timeBudget: input.timeBudget,
		logger: input.logger,
		hooks: input.hooks,
		onAnswered,
		onProgress: progress('transfers', () => expectedTotal),
	});
	const earlyStarts: Promise<void>[] = [];
	let accounts: Map<string, RecipientAccount | null>;
	let available: Map<string, number>;
	try {
		accounts = await lookUpRecipients(input, candidates, {
			onProgress: onLookupProgress,
			onFound: (recipient, account) => {
				const own = groupsByRecipient.get(recipient) ?? [];
				const transfers = transfersOf(plan(new Map([[recipient, account]]), own));
				earlyStarts.push(
					earlyCurrencies.then((early) => {
						for (const transfer of transfers) {
							if (early.has(transfer.params.currency)) payer.add([transfer]);
						}
					}),
				);
			},
		});
		await Promise.all(earlyStarts);
		available = valueOf(await balance);
	} catch (error) {
		// The run fails with this error. The transfers already started still get their answers
		// (each is announced through onAnswered); the payer's own outcome is not what is reported.
		await settle(payer.finish());
		throw error;
	}
	const decisions = plan(accounts);
	const planned = transfersOf(decisions);
	expectedTotal = planned.length;
	const early = await earlyCurrencies;
	const rest = planned.filter((transfer) => !early.has(transfer.params.currency));
	const restCovered = currenciesCoveredByBalance(rest, available);
	for (const lane of transferLanes(rest, restCovered)) payer.add(lane);
	input.logger?.info('Creating tip transfers', {
		transfers: planned.length,
		sequentialCurrencies: [
			...new Set(
				rest
					.map((transfer) => transfer.params.currency)
					.filter((currency) => !restCovered.has(currency)),
			),
		].sort(),
	});
	await payer.finish();
	return decisions.map((decision) => ({
		decision,
		result: decision.kind === 'transfer' ? payer.results.get(decision.idempotencyKey) : undefined,
	}));
}

/**
 * Runs the weekly tip job: reads the period's payments (in parallel time slices) and the period's
 * existing transfers (the guard that outlives 24-hour idempotency keys) at once, checks recipients
 * and creates the missing transfers, each with its deterministic Idempotency-Key (see lookUpAndPay
 * for when they run concurrently). A transfer Stripe refuses (for example for insufficient
 * balance) is reported and the others are still tried; nothing is retried blindly. Events are
 * handed to an event stream as soon as they are known (a transfer's as Stripe answers it, the
 * others once the plan is final), so publishing overlaps the Stripe work; the Tip Batch Completed
 * summary goes last, after every other event was delivered or given up on. A run that fails waits
 * for the requests in flight and publishes nothing more (no summary): its re-run announces every
 * outcome again under the same eventKeys.
 */
export async function runTipTransfers(input: TipRunInput): Promise<TipRunResult> {
	const clock = input.clock ?? Date.now;
	const startedAt = clock();
	const periodId = input.period.id;
	input.logger?.info('Collecting tips', {
		period: periodId,
		start: new Date(input.period.start * 1000).toISOString(),
		end: new Date(input.period.end * 1000).toISOString(),
		dryRun: input.dryRun,
	});
	const stream = openEventStream(input.sink);
	let settled: SettledDecision[];
	let aggregation: TipAggregation;
	try {
		const [payments, periodTransfers] = await Promise.all([
			listPeriodPayments(input, input.period, {
				slicing: input.paymentSlicing,
				logger: input.logger,
			}),
			listPeriodTransfers(input, periodId),
		]);
		input.onProgress?.({
			stage: 'payments',
			done: payments.length,
			total: payments.length,
			apiCalls: input.budget.stats().apiCalls,
		});
		aggregation = aggregateTips(payments, input.metadataKeys, input.period);
		for (const invalid of aggregation.invalid) stream.add(buildInvalidTipEvent(periodId, invalid));
		const existing = indexExistingTransfers(periodTransfers, transferGroupOf(periodId));
		settled = await lookUpAndPay(input, aggregation.groups, existing, (answered) => {
			const event = eventForOutcome(periodId, answered);
			if (event) stream.add(event);
		});
		for (const decision of settled) {
			const event = answeredByStripe(decision) ? undefined : eventForOutcome(periodId, decision);
			if (event) stream.add(event);
		}
	} catch (error) {
		await stream.abandon();
		throw error;
	}

	const summary = summarizeTipRun({
		period: input.period,
		dryRun: input.dryRun,
		aggregation,
		settled,
	});
	const durationMs = clock() - startedAt;
	const completed = buildBatchCompletedEvent(summary, durationMs);
	// Every event of the run in decision order; the stream sent them in the order they became known.
	const published = [
		...aggregation.invalid.map((invalid) => buildInvalidTipEvent(periodId, invalid)),
		...settled.flatMap((decision) => eventForOutcome(periodId, decision) ?? []),
		completed,
	];
	recordTipMetrics(input.metrics, summary, input.budget);
	await stream.close([completed]);
	input.logger?.info('Tip batch completed', {
		...summary.counts,
		apiCalls: input.budget.stats().apiCalls,
		durationMs,
	});
	return { summary, decisions: settled, published, durationMs };
}

function recordTipMetrics(
	metrics: Metrics | undefined,
	summary: TipBatchSummary,
	budget: RequestBudget,
) {
	if (!metrics) return;
	metrics.addMetric('TipTransfersCreated', MetricUnit.Count, summary.counts.created);
	metrics.addMetric('TipTransfersAlreadyMade', MetricUnit.Count, summary.counts.alreadyTransferred);
	metrics.addMetric('TipTransfersFailed', MetricUnit.Count, summary.counts.failed);
	metrics.addMetric('TipTransfersNotReached', MetricUnit.Count, summary.counts.notReached);
	metrics.addMetric('TipTransfersSkipped', MetricUnit.Count, countSkipped(summary));
	metrics.addMetric('StripeApiCalls', MetricUnit.Count, budget.stats().apiCalls);
}
