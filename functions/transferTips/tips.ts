import type Stripe from 'stripe';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { Metrics } from '@aws-lambda-powertools/metrics';

import type { MinimumAmounts } from '../shared/config';
import type { EventSink, JobEvent } from '../shared/eventPublisher';
import { describeError, MetricUnit } from '../shared/observability';
import type { RequestBudget } from '../shared/requestBudget';
import { listAllPages } from '../shared/stripeClient';
import { UNLIMITED_TIME, type TimeBudget } from '../shared/timeBudget';
import {
	aggregateTips,
	buildBatchCompletedEvent,
	buildInvalidTipEvent,
	buildTransferCreatedEvent,
	buildTransferFailedEvent,
	buildTransferPlannedEvent,
	buildTransferSkippedEvent,
	countSkipped,
	indexExistingTransfers,
	planTipTransfers,
	recipientsToCheck,
	summarizeTipRun,
	transferGroupOf,
	type RecipientAccount,
	type SettledDecision,
	type TipBatchSummary,
	type TipDecision,
	type TipMetadataKeys,
	type TransferResult,
} from './core';
import type { PayPeriod } from './period';

/** Points where tests (and only tests) interrupt a run to prove a re-run completes it. */
export interface TipRunHooks {
	/** Called after each transfer Stripe confirmed; throwing simulates the process dying there. */
	afterTransfer?: (transfer: Stripe.Transfer, index: number) => void | Promise<void>;
}

/** Progress for terminals and logs. */
export interface TipRunProgress {
	stage: 'payments' | 'accounts' | 'transfers';
	done: number;
	total: number;
	apiCalls: number;
}

/** Everything a tip run needs. */
export interface TipRunInput {
	stripe: Stripe;
	budget: RequestBudget;
	period: PayPeriod;
	metadataKeys: TipMetadataKeys;
	minimums: MinimumAmounts;
	dryRun: boolean;
	/** 1 by default; 2, 3… re-send transfers Stripe refused within the last 24 hours (see idempotencyKeyOf). */
	attempt?: number;
	sink: EventSink;
	timeBudget?: TimeBudget;
	logger?: Logger;
	metrics?: Metrics;
	hooks?: TipRunHooks;
	onProgress?: (progress: TipRunProgress) => void;
	clock?: () => number;
}

/** What a tip run did and published. */
export interface TipRunResult {
	summary: TipBatchSummary;
	decisions: SettledDecision[];
	published: JobEvent[];
	durationMs: number;
}

interface StripeErrorShape {
	headers?: Record<string, string | undefined>;
	statusCode?: number;
	code?: string;
	type?: string;
	message?: string;
	requestId?: string;
}

function failureOf(error: unknown): Extract<TransferResult, { kind: 'failed' }> {
	const shape = (typeof error === 'object' && error !== null ? error : {}) as StripeErrorShape;
	const status = shape.statusCode;
	// A 5xx or a lost connection may have happened after Stripe created the transfer.
	const outcomeUnknown = status === undefined || status >= 500 || status === 409;
	return {
		kind: 'failed',
		code: shape.code,
		message: shape.message ?? String(error),
		requestId: shape.requestId,
		statusCode: status,
		outcomeUnknown,
		replayed: shape.headers?.['idempotent-replayed'] === 'true',
	};
}

async function listPeriodPayments(input: TipRunInput): Promise<Stripe.PaymentIntent[]> {
	return listAllPages(input.budget, 'paymentIntents.list', (cursor) =>
		input.stripe.paymentIntents.list({
			limit: 100,
			created: { gte: input.period.start, lt: input.period.end },
			expand: ['data.latest_charge'],
			...cursor,
		}),
	);
}

async function listPeriodTransfers(input: TipRunInput): Promise<Stripe.Transfer[]> {
	return listAllPages(input.budget, 'transfers.list', (cursor) =>
		input.stripe.transfers.list({
			limit: 100,
			transfer_group: transferGroupOf(input.period.id),
			...cursor,
		}),
	);
}

async function lookUpRecipients(
	input: TipRunInput,
	recipients: string[],
): Promise<Map<string, RecipientAccount | null>> {
	const platform = await input.budget.call('accounts.retrieveCurrent', () =>
		input.stripe.accounts.retrieveCurrent(),
	);
	const accounts = new Map<string, RecipientAccount | null>();
	let done = 0;
	await Promise.all(
		recipients.map(async (recipient) => {
			if (recipient === platform.id) {
				accounts.set(recipient, null);
				return;
			}
			try {
				const account = await input.budget.call('accounts.retrieve', () =>
					input.stripe.accounts.retrieve(recipient),
				);
				accounts.set(recipient, {
					id: account.id,
					transfersCapability: account.capabilities?.transfers,
				});
			} catch (error) {
				const shape = error as StripeErrorShape;
				// Stripe answers 404 (or 403 for an account of another platform) for ids that are not ours.
				if (shape.statusCode === 404 || shape.statusCode === 403) accounts.set(recipient, null);
				else throw error;
			}
			done++;
			input.onProgress?.({
				stage: 'accounts',
				done,
				total: recipients.length,
				apiCalls: input.budget.stats().apiCalls,
			});
		}),
	);
	return accounts;
}

function eventsOf(periodId: string, settled: SettledDecision[]): JobEvent[] {
	const events: JobEvent[] = [];
	for (const { decision, result } of settled) {
		if (decision.kind === 'already_transferred') {
			events.push(buildTransferCreatedEvent(periodId, decision.group, decision.transfer, true));
		} else if (decision.kind === 'skip') {
			events.push(buildTransferSkippedEvent(periodId, decision));
		} else if (result === undefined) {
			events.push(buildTransferPlannedEvent(periodId, decision));
		} else if (result.kind === 'created') {
			events.push(buildTransferCreatedEvent(periodId, decision.group, result.transfer, false));
		} else if (result.kind === 'failed') {
			events.push(buildTransferFailedEvent(periodId, decision, result));
		}
	}
	return events;
}

/**
 * Runs the weekly tip job: reads the period's payments, looks up the period's existing transfers
 * (the guard that outlives 24-hour idempotency keys), checks recipients, then creates the missing
 * transfers one at a time, each with its deterministic Idempotency-Key. A transfer Stripe refuses
 * (for example for insufficient balance) is reported and the next one is tried; nothing is retried
 * blindly. Events and the Tip Batch Completed summary are published at the end.
 */
export async function runTipTransfers(input: TipRunInput): Promise<TipRunResult> {
	const clock = input.clock ?? Date.now;
	const startedAt = clock();
	const timeBudget = input.timeBudget ?? UNLIMITED_TIME;
	const transferGroup = transferGroupOf(input.period.id);
	input.logger?.info('Collecting tips', {
		period: input.period.id,
		start: new Date(input.period.start * 1000).toISOString(),
		end: new Date(input.period.end * 1000).toISOString(),
		dryRun: input.dryRun,
	});
	const payments = await listPeriodPayments(input);
	input.onProgress?.({
		stage: 'payments',
		done: payments.length,
		total: payments.length,
		apiCalls: input.budget.stats().apiCalls,
	});
	const aggregation = aggregateTips(payments, input.metadataKeys, input.period);
	const existing = indexExistingTransfers(await listPeriodTransfers(input), transferGroup);
	const accounts = await lookUpRecipients(
		input,
		recipientsToCheck(aggregation.groups, existing, input.minimums),
	);
	const decisions: TipDecision[] = planTipTransfers({
		periodId: input.period.id,
		attempt: input.attempt,
		groups: aggregation.groups,
		existing,
		accounts,
		minimums: input.minimums,
	});

	const settled: SettledDecision[] = [];
	const toTransfer = decisions.filter((decision) => decision.kind === 'transfer').length;
	let transfersDone = 0;
	for (const decision of decisions) {
		if (decision.kind !== 'transfer' || input.dryRun) {
			settled.push({ decision });
			continue;
		}
		if (timeBudget.shouldStop()) {
			settled.push({ decision, result: { kind: 'not_reached' } });
			continue;
		}
		let result: TransferResult;
		let created: Stripe.Transfer | undefined;
		try {
			created = await input.budget.call('transfers.create', () =>
				input.stripe.transfers.create(decision.params, { idempotencyKey: decision.idempotencyKey }),
			);
			result = { kind: 'created', transfer: created };
		} catch (error) {
			result = failureOf(error);
			input.logger?.error('Tip transfer failed', {
				account: decision.group.recipient,
				currency: decision.group.currency,
				amount: decision.params.amount,
				error: describeError(error),
			});
		}
		settled.push({ decision, result });
		transfersDone++;
		input.onProgress?.({
			stage: 'transfers',
			done: transfersDone,
			total: toTransfer,
			apiCalls: input.budget.stats().apiCalls,
		});
		if (created) await input.hooks?.afterTransfer?.(created, transfersDone);
	}

	const summary = summarizeTipRun({
		period: input.period,
		dryRun: input.dryRun,
		aggregation,
		settled,
	});
	const durationMs = clock() - startedAt;
	const published = [
		...aggregation.invalid.map((invalid) => buildInvalidTipEvent(input.period.id, invalid)),
		...eventsOf(input.period.id, settled),
		buildBatchCompletedEvent(summary, durationMs),
	];
	recordTipMetrics(input.metrics, summary, input.budget);
	await input.sink.publish(published);
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
