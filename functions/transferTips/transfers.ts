import type Stripe from 'stripe';
import type { Logger } from '@aws-lambda-powertools/logger';

import { describeError } from '../shared/observability';
import { LIST_PAGE_SIZE, listAllPages, type StripeConnection } from '../shared/stripeClient';
import { UNLIMITED_TIME, type TimeBudget } from '../shared/timeBudget';
import { WorkerPool } from '../shared/workerPool';
import { transferFailureOf, type SettledDecision, type TransferResult } from './outcomes';
import type { TransferLane } from './balance';
import { transferGroupOf, type TransferDecision } from './plan';

/** Points where tests (and only tests) interrupt a run to prove a re-run completes it. */
export interface TipRunHooks {
	/** Called after each transfer Stripe confirmed; throwing simulates the process dying there. */
	afterTransfer?: (transfer: Stripe.Transfer, index: number) => void | Promise<void>;
}

/** Lists the period's existing transfers: the guard against paying twice that outlives idempotency keys. */
export function listPeriodTransfers(
	{ stripe, budget }: StripeConnection,
	periodId: string,
): Promise<Stripe.Transfer[]> {
	return listAllPages(budget, 'transfers.list', (cursor) =>
		stripe.transfers.list({
			limit: LIST_PAGE_SIZE,
			transfer_group: transferGroupOf(periodId),
			...cursor,
		}),
	);
}

/** What creating transfers needs besides Stripe. */
export interface TransferPayerOptions {
	timeBudget?: TimeBudget;
	logger?: Logger;
	hooks?: TipRunHooks;
	/** Hears of each transfer Stripe answered, before the afterTransfer hook. */
	onAnswered: (settled: SettledDecision) => void;
	/** After each transfer Stripe answered: how many so far. */
	onProgress?: (done: number) => void;
}

/**
 * Creates transfers, lane by lane, with as many lanes at once as the request budget runs calls, while
 * lanes are still being added. Once the time budget says stop, nothing new starts (those left are
 * not reached); if a hook throws (a test killing the process), nothing new starts either and
 * finish() rethrows it once the calls in flight have ended. Results are kept by Idempotency-Key.
 */
export class TransferPayer {
	readonly results = new Map<string, TransferResult>();
	private readonly lanes: WorkerPool<TransferLane>;
	private stopped = false;
	private answered = 0;

	constructor(
		private readonly connection: StripeConnection,
		private readonly options: TransferPayerOptions,
	) {
		this.lanes = new WorkerPool(Math.max(1, connection.budget.concurrencyLimit), (lane) =>
			this.payLane(lane),
		);
	}

	/** Queues a lane; its transfers run one after another, beside the other lanes. */
	add(lane: TransferLane): void {
		if (lane.length > 0) this.lanes.add(lane);
	}

	/** No more lanes: waits for every transfer started and rethrows a hook's error. */
	finish(): Promise<void> {
		return this.lanes.close();
	}

	private async payLane(lane: TransferLane): Promise<void> {
		for (const decision of lane) {
			if (this.lanes.failed) return;
			await this.createOne(decision);
		}
	}

	private async createOne(decision: TransferDecision): Promise<void> {
		const { stripe, budget } = this.connection;
		const { options } = this;
		if (this.stopped || (options.timeBudget ?? UNLIMITED_TIME).shouldStop()) {
			this.stopped = true;
			this.results.set(decision.idempotencyKey, { kind: 'not_reached' });
			return;
		}
		let created: Stripe.Transfer | undefined;
		let result: TransferResult;
		try {
			created = await budget.call('transfers.create', () =>
				stripe.transfers.create(decision.params, { idempotencyKey: decision.idempotencyKey }),
			);
			result = { kind: 'created', transfer: created };
		} catch (error) {
			result = transferFailureOf(error);
			options.logger?.error('Tip transfer failed', {
				account: decision.group.recipient,
				currency: decision.group.currency,
				amount: decision.params.amount,
				error: describeError(error),
			});
		}
		this.results.set(decision.idempotencyKey, result);
		options.onAnswered({ decision, result });
		this.answered++;
		options.onProgress?.(this.answered);
		if (created) await options.hooks?.afterTransfer?.(created, this.answered);
	}
}
