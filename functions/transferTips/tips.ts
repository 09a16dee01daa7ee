import type Stripe from 'stripe';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { Metrics } from '@aws-lambda-powertools/metrics';

import type { MinimumAmounts } from '../shared/config';
import { openEventStream, type EventSink, type JobEvent } from '../shared/eventPublisher';
import { describeError, MetricUnit } from '../shared/observability';
import type { RequestBudget } from '../shared/requestBudget';
import { listAllPages, type PageCursor } from '../shared/stripeClient';
import { UNLIMITED_TIME, type TimeBudget } from '../shared/timeBudget';
import {
	aggregateTips,
	availableForTransfers,
	buildBatchCompletedEvent,
	buildInvalidTipEvent,
	buildTransferCreatedEvent,
	buildTransferFailedEvent,
	buildTransferPlannedEvent,
	buildTransferSkippedEvent,
	countSkipped,
	currenciesCoveredByBalance,
	indexExistingTransfers,
	planTipTransfers,
	recipientsToCheck,
	summarizeTipRun,
	transferGroupOf,
	type RecipientAccount,
	type SettledDecision,
	type TipAggregation,
	type TipBatchSummary,
	type TipDecision,
	type TipGroup,
	type TipMetadataKeys,
	type TransferRecord,
	type TransferResult,
} from './core';
import {
	chooseSliceCount,
	DEFAULT_EXTRA_PAGE_RATIO,
	estimateRemainingPages,
	sliceCreatedRange,
	type CreatedRange,
	type PaymentSlicing,
} from './paymentSlices';
import type { PayPeriod } from './period';

const PAGE_SIZE = 100;

/**
 * Up to this many recipients are retrieved one by one (concurrently); more are found by listing the
 * connected accounts, 100 per call.
 */
export const RETRIEVE_RECIPIENTS_AT_MOST = 10;

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

/** One page of the period's payments in a `created` range (the caller runs it under the budget). */
function fetchPaymentPage(
	input: TipRunInput,
	range: CreatedRange,
	cursor: PageCursor,
): Promise<Stripe.ApiList<Stripe.PaymentIntent>> {
	return input.stripe.paymentIntents.list({
		limit: PAGE_SIZE,
		created: { gte: range.gte, lt: range.lt },
		expand: ['data.latest_charge'],
		...cursor,
	});
}

/**
 * Reads the period's payments. The first page is read over the whole period; when there is more,
 * the rest (down to the second of the first page's oldest payment, which may hold more payments) is
 * split into `created` slices read concurrently, as many as the first page's density says the
 * extra-call allowance pays for. The newest slice continues after the first page, so nothing is read
 * twice; the merge keeps Stripe's newest-first order and drops any id seen already.
 */
async function listPeriodPayments(input: TipRunInput): Promise<Stripe.PaymentIntent[]> {
	const whole = { gte: input.period.start, lt: input.period.end };
	const first = await input.budget.call('paymentIntents.list', () =>
		fetchPaymentPage(input, whole, {}),
	);
	if (!first.has_more || first.data.length === 0) return first.data;
	const last = first.data[first.data.length - 1];
	const rest = { gte: whole.gte, lt: Math.min(whole.lt, last.created + 1) };
	const slicing: PaymentSlicing = {
		extraPageRatio: input.paymentSlicing?.extraPageRatio ?? DEFAULT_EXTRA_PAGE_RATIO,
		maxSlices: input.paymentSlicing?.maxSlices ?? input.budget.concurrencyLimit,
	};
	const estimatedPages = estimateRemainingPages(first.data, rest.gte, PAGE_SIZE);
	const sliceCount = chooseSliceCount(estimatedPages, slicing);
	// One slice is the plain cursor chain over the whole period.
	const slices = sliceCount === 1 ? [whole] : sliceCreatedRange(rest, sliceCount);
	input.logger?.info('Reading payments', { estimatedPages, slices: slices.length });
	const pages = await Promise.all(
		slices.map((slice, index) =>
			listAllPages(
				input.budget,
				'paymentIntents.list',
				(cursor) => fetchPaymentPage(input, slice, cursor),
				index === 0 ? { starting_after: last.id } : {},
			),
		),
	);
	const seen = new Set<string>();
	const payments: Stripe.PaymentIntent[] = [];
	for (const payment of [first.data, ...pages].flat()) {
		if (seen.has(payment.id)) continue;
		seen.add(payment.id);
		payments.push(payment);
	}
	return payments;
}

async function listPeriodTransfers(input: TipRunInput): Promise<Stripe.Transfer[]> {
	return listAllPages(input.budget, 'transfers.list', (cursor) =>
		input.stripe.transfers.list({
			limit: PAGE_SIZE,
			transfer_group: transferGroupOf(input.period.id),
			...cursor,
		}),
	);
}

function recipientAccountOf(account: Stripe.Account): RecipientAccount {
	return { id: account.id, transfersCapability: account.capabilities?.transfers };
}

/** Retrieves each recipient concurrently under the budget; 404/403 and the platform itself are not connected accounts. */
async function retrieveRecipients(
	input: TipRunInput,
	recipients: string[],
	found: (recipient: string, account: RecipientAccount | null) => void,
): Promise<void> {
	if (recipients.length === 0) return;
	const platform = await input.budget.call('accounts.retrieveCurrent', () =>
		input.stripe.accounts.retrieveCurrent(),
	);
	await Promise.all(
		recipients.map(async (recipient) => {
			if (recipient === platform.id) {
				found(recipient, null);
				return;
			}
			try {
				const account = await input.budget.call('accounts.retrieve', () =>
					input.stripe.accounts.retrieve(recipient),
				);
				found(recipient, recipientAccountOf(account));
			} catch (error) {
				const shape = error as StripeErrorShape;
				// Stripe answers 404 (or 403 for an account of another platform) for ids that are not ours.
				if (shape.statusCode === 404 || shape.statusCode === 403) found(recipient, null);
				else throw error;
			}
		}),
	);
}

/**
 * Finds each recipient's account the cheaper way. A few (RETRIEVE_RECIPIENTS_AT_MOST) are retrieved
 * one by one. More are looked for in the list of connected accounts (100 per call; the platform
 * and other platforms' accounts are never in it); listing stops once every recipient was found, or
 * once it has cost as many calls as retrieving the recipients still missing would, and those are
 * then retrieved. Either way a recipient that is not a connected account of the platform is null.
 * `onFound` hears of each connected account as soon as it is known, so transfers can start early.
 */
async function lookUpRecipients(
	input: TipRunInput,
	recipients: string[],
	onFound?: (recipient: string, account: RecipientAccount) => void,
): Promise<Map<string, RecipientAccount | null>> {
	const accounts = new Map<string, RecipientAccount | null>();
	const found = (recipient: string, account: RecipientAccount | null) => {
		accounts.set(recipient, account);
		if (account !== null) onFound?.(recipient, account);
	};
	const reportProgress = () =>
		input.onProgress?.({
			stage: 'accounts',
			done: accounts.size,
			total: recipients.length,
			apiCalls: input.budget.stats().apiCalls,
		});
	const missing = new Set(recipients);
	if (recipients.length > RETRIEVE_RECIPIENTS_AT_MOST) {
		let cursor: PageCursor = {};
		for (let pages = 1; ; pages++) {
			const page = await input.budget.call('accounts.list', () =>
				input.stripe.accounts.list({ limit: PAGE_SIZE, ...cursor }),
			);
			for (const account of page.data) {
				if (missing.delete(account.id)) found(account.id, recipientAccountOf(account));
			}
			reportProgress();
			if (!page.has_more || page.data.length === 0) {
				for (const recipient of missing) accounts.set(recipient, null);
				return accounts;
			}
			if (missing.size === 0 || pages >= missing.size) break;
			cursor = { starting_after: page.data[page.data.length - 1].id };
		}
	}
	await retrieveRecipients(input, [...missing], (recipient, account) => {
		found(recipient, account);
		reportProgress();
	});
	return accounts;
}

/** The event announcing one decision's outcome; none for a transfer the time budget did not reach. */
function eventOf(periodId: string, { decision, result }: SettledDecision): JobEvent | undefined {
	if (decision.kind === 'already_transferred') {
		return buildTransferCreatedEvent(periodId, decision.group, decision.transfer, true);
	}
	if (decision.kind === 'skip') return buildTransferSkippedEvent(periodId, decision);
	if (result === undefined) return buildTransferPlannedEvent(periodId, decision);
	if (result.kind === 'created') {
		return buildTransferCreatedEvent(periodId, decision.group, result.transfer, false);
	}
	if (result.kind === 'failed') return buildTransferFailedEvent(periodId, decision, result);
	return undefined;
}

/** A transfer Stripe answered (created or refused): its event can be published at once. */
function answeredByStripe(settled: SettledDecision): boolean {
	return settled.decision.kind === 'transfer' && settled.result !== undefined;
}

type TransferDecision = Extract<TipDecision, { kind: 'transfer' }>;

/** Transfers created one after another, in order; a lane of one runs beside the others. */
type TransferLane = TransferDecision[];

/**
 * Works lanes of transfers with as many workers as the budget's concurrency, while lanes are still
 * being added. Once the time budget says stop, nothing new starts (those left are not reached); if
 * a hook throws (a test killing the process), nothing new starts either and finish() rethrows it
 * once the calls in flight have ended. Results are kept by Idempotency-Key.
 */
class TransferPool {
	readonly results = new Map<string, TransferResult>();
	private readonly lanes: TransferLane[] = [];
	private nextLane = 0;
	private closed = false;
	private readonly idle: Array<() => void> = [];
	private readonly workers: Promise<void>[];
	private crash: { error: unknown } | undefined;
	private stopped = false;
	private transfersDone = 0;

	constructor(
		private readonly input: TipRunInput,
		private readonly expectedTotal: () => number,
		/** Hears of each transfer Stripe answered, before the afterTransfer hook. */
		private readonly onAnswered: (settled: SettledDecision) => void,
	) {
		const size = Math.max(1, input.budget.concurrencyLimit);
		this.workers = Array.from({ length: size }, () => this.work());
	}

	/** Queues a lane; its transfers run one after another, beside the other lanes. */
	add(lane: TransferLane): void {
		if (lane.length === 0) return;
		this.lanes.push(lane);
		this.idle.shift()?.();
	}

	/** No more lanes: waits for the workers and rethrows a hook's error. */
	async finish(): Promise<void> {
		this.closed = true;
		for (const wake of this.idle.splice(0)) wake();
		await Promise.all(this.workers);
		if (this.crash !== undefined) throw this.crash.error;
	}

	private async nextLaneToWork(): Promise<TransferLane | undefined> {
		for (;;) {
			if (this.crash !== undefined) return undefined;
			if (this.nextLane < this.lanes.length) return this.lanes[this.nextLane++];
			if (this.closed) return undefined;
			await new Promise<void>((resolve) => this.idle.push(resolve));
		}
	}

	private async work(): Promise<void> {
		for (let lane = await this.nextLaneToWork(); lane; lane = await this.nextLaneToWork()) {
			for (const decision of lane) {
				if (this.crash !== undefined) return;
				try {
					await this.createOne(decision);
				} catch (error) {
					this.crash ??= { error };
					return;
				}
			}
		}
	}

	private async createOne(decision: TransferDecision): Promise<void> {
		const { input } = this;
		if (this.stopped || (input.timeBudget ?? UNLIMITED_TIME).shouldStop()) {
			this.stopped = true;
			this.results.set(decision.idempotencyKey, { kind: 'not_reached' });
			return;
		}
		let created: Stripe.Transfer | undefined;
		let result: TransferResult;
		try {
			created = await input.budget.call('transfers.create', () =>
				input.stripe.transfers.create(decision.params, {
					idempotencyKey: decision.idempotencyKey,
				}),
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
		this.results.set(decision.idempotencyKey, result);
		this.onAnswered({ decision, result });
		this.transfersDone++;
		input.onProgress?.({
			stage: 'transfers',
			done: this.transfersDone,
			total: this.expectedTotal(),
			apiCalls: input.budget.stats().apiCalls,
		});
		if (created) await input.hooks?.afterTransfer?.(created, this.transfersDone);
	}
}

function transfersOf(decisions: TipDecision[]): TransferDecision[] {
	return decisions.filter((decision): decision is TransferDecision => decision.kind === 'transfer');
}

/**
 * Looks up the recipients and pays them. The platform balance is read once, beside the look-up. A
 * currency whose transfers would all fit the available balance even if every recipient still to
 * check could be paid gets one lane per transfer, started as soon as the recipient's account is
 * known (the look-up of many recipients takes a few sequential list pages). Their Idempotency-Keys
 * and the transfer-group look-up keep concurrency safe. Once every recipient is known, the other
 * currencies are judged on their final plan: those that fit run concurrently too; a currency the
 * balance cannot cover is one lane in the plan's fixed order, so which transfers fit never depends
 * on timing.
 */
async function lookUpAndPay(
	input: TipRunInput,
	groups: TipGroup[],
	existing: Map<string, TransferRecord>,
	onAnswered: (settled: SettledDecision) => void,
): Promise<SettledDecision[]> {
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
	if (input.dryRun || candidates.length === 0) {
		const accounts = await lookUpRecipients(input, candidates);
		return plan(accounts).map((decision) => ({ decision }));
	}
	// The most that could be paid: every recipient still to check found with transfers active.
	const mostPayable = transfersOf(
		plan(
			new Map(
				candidates.map((recipient) => [
					recipient,
					{ id: recipient, transfersCapability: 'active' },
				]),
			),
		),
	);
	let expectedTotal = mostPayable.length;
	const available = input.budget
		.call('balance.retrieve', () => input.stripe.balance.retrieve())
		.then((balance) => availableForTransfers(balance.available));
	// Awaited below; this only keeps a failure from being reported as unhandled meanwhile.
	available.catch(() => undefined);
	const earlyCurrencies = available.then((funds) => currenciesCoveredByBalance(mostPayable, funds));
	earlyCurrencies.catch(() => undefined);

	const groupsByRecipient = new Map<string, TipGroup[]>();
	for (const group of groups) {
		groupsByRecipient.set(group.recipient, [
			...(groupsByRecipient.get(group.recipient) ?? []),
			group,
		]);
	}
	const pool = new TransferPool(input, () => expectedTotal, onAnswered);
	const earlyStarts: Promise<void>[] = [];
	let accounts: Map<string, RecipientAccount | null>;
	try {
		accounts = await lookUpRecipients(input, candidates, (recipient, account) => {
			const own = groupsByRecipient.get(recipient) ?? [];
			const transfers = transfersOf(plan(new Map([[recipient, account]]), own));
			earlyStarts.push(
				earlyCurrencies.then((early) => {
					for (const transfer of transfers) {
						if (early.has(transfer.params.currency)) pool.add([transfer]);
					}
				}),
			);
		});
		await Promise.all(earlyStarts);
	} catch (error) {
		await pool.finish().catch(() => undefined);
		throw error;
	}
	const decisions = plan(accounts);
	const planned = transfersOf(decisions);
	expectedTotal = planned.length;
	const early = await earlyCurrencies;
	const rest = planned.filter((transfer) => !early.has(transfer.params.currency));
	const restCovered = currenciesCoveredByBalance(rest, await available);
	const sequential = new Map<string, TransferLane>();
	for (const transfer of rest) {
		const { currency } = transfer.params;
		if (restCovered.has(currency)) {
			pool.add([transfer]);
			continue;
		}
		const lane = sequential.get(currency) ?? [];
		lane.push(transfer);
		sequential.set(currency, lane);
	}
	for (const lane of sequential.values()) pool.add(lane);
	input.logger?.info('Creating tip transfers', {
		transfers: planned.length,
		sequentialCurrencies: [...sequential.keys()].sort(),
	});
	await pool.finish();
	return decisions.map((decision) => ({
		decision,
		result: decision.kind === 'transfer' ? pool.results.get(decision.idempotencyKey) : undefined,
	}));
}

/**
 * Runs the weekly tip job: reads the period's payments (in parallel time slices) and the period's
 * existing transfers (the guard that outlives 24-hour idempotency keys) at once, checks recipients
 * and creates the missing transfers, each with its deterministic Idempotency-Key (see lookUpAndPay
 * for when they run concurrently). A transfer Stripe refuses (for example for
 * insufficient balance) is reported and the others are still tried; nothing is retried blindly.
 * Events are handed to an event stream as soon as they are known (a transfer's as Stripe answers
 * it, the others once the plan is final), so publishing overlaps the Stripe work; the Tip Batch
 * Completed summary goes last, after every other event was delivered or given up on. A run that
 * fails waits for the requests in flight and publishes nothing more (no summary): its re-run
 * announces every outcome again under the same eventKeys.
 */
export async function runTipTransfers(input: TipRunInput): Promise<TipRunResult> {
	const clock = input.clock ?? Date.now;
	const startedAt = clock();
	const transferGroup = transferGroupOf(input.period.id);
	input.logger?.info('Collecting tips', {
		period: input.period.id,
		start: new Date(input.period.start * 1000).toISOString(),
		end: new Date(input.period.end * 1000).toISOString(),
		dryRun: input.dryRun,
	});
	const stream = openEventStream(input.sink);
	let settled: SettledDecision[];
	let aggregation: TipAggregation;
	try {
		const [payments, periodTransfers] = await Promise.all([
			listPeriodPayments(input),
			listPeriodTransfers(input),
		]);
		input.onProgress?.({
			stage: 'payments',
			done: payments.length,
			total: payments.length,
			apiCalls: input.budget.stats().apiCalls,
		});
		aggregation = aggregateTips(payments, input.metadataKeys, input.period);
		for (const invalid of aggregation.invalid) {
			stream.add(buildInvalidTipEvent(input.period.id, invalid));
		}
		const existing = indexExistingTransfers(periodTransfers, transferGroup);
		settled = await lookUpAndPay(input, aggregation.groups, existing, (answered) => {
			const event = eventOf(input.period.id, answered);
			if (event) stream.add(event);
		});
		for (const decision of settled) {
			const event = answeredByStripe(decision) ? undefined : eventOf(input.period.id, decision);
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
		...aggregation.invalid.map((invalid) => buildInvalidTipEvent(input.period.id, invalid)),
		...settled.flatMap((decision) => eventOf(input.period.id, decision) ?? []),
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
