import { ConfigError } from '../../shared/config';
import { createObservability, instrumentHandler } from '../../shared/observability';
import { mapStackTracesToSources } from '../../shared/sourceMappedStacks';
import { connectToStripe } from '../../shared/stripeClient';
import { listConnectedAccountIds } from '../accounts';
import { readReconciliationConfig, readScaleBatchSize } from '../config';
import { resolveWindow } from '../window';
import { assertPlanFits, planAccountRanges, type ReconciliationPlan } from './batches';

// Before anything can throw: stack traces name the TypeScript sources (sourceMappedStacks.ts).
mapStackTracesToSources();

// Read once per container: a missing or malformed setting fails the cold start, naming it.
const config = readReconciliationConfig(process.env);
const observability = createObservability('reconcile-payouts-planner');
const batchSize = readScaleBatchSize(process.env.SCALE_BATCH_SIZE);
// Batches are ranges of Stripe's account list, so an explicit account list cannot be split into them.
if (config.accounts !== undefined) {
	throw new ConfigError(
		'RECONCILE_ACCOUNTS',
		'is set, but scale mode always reconciles every connected account. Unset it, or reconcile those accounts with the single-run reconcilePayouts function.',
	);
}

/** The planner's input from the state machine: the execution's name and start, and its own input. */
export interface PlannerEvent {
	runId: string;
	/** ISO 8601 start of the execution: the run's "now", shared by every batch. */
	startedAt: string;
	/** The execution input; `since`/`until` (ISO 8601) reconcile an explicit window. */
	request?: { since?: string; until?: string } | null;
}

/** Scale mode, step 1: lists the connected accounts once and cuts them into batches. */
export const handler = instrumentHandler<PlannerEvent, ReconciliationPlan>(
	async (event) => {
		const now = Math.floor(Date.parse(event.startedAt) / 1000);
		if (Number.isNaN(now)) {
			throw new TypeError(
				`startedAt "${event.startedAt}" is not an ISO 8601 time; the state machine passes $$.Execution.StartTime.`,
			);
		}
		const window = resolveWindow(
			{ since: event.request?.since, until: event.request?.until },
			now,
			config.lookbackHours,
			config.overlapHours,
		);
		const { stripe, budget } = await connectToStripe(config, observability.logger);
		const accounts = await listConnectedAccountIds(stripe, budget);
		const { apiCalls, retries } = budget.stats();
		const plan: ReconciliationPlan = {
			runId: event.runId,
			startedAt: event.startedAt,
			window,
			now,
			accountCount: accounts.length,
			batches: planAccountRanges(accounts, batchSize),
			planning: { apiCalls, retries },
		};
		assertPlanFits(plan, batchSize);
		observability.logger.info('Planned reconciliation batches', {
			runId: event.runId,
			accounts: accounts.length,
			batches: plan.batches.length,
			apiCalls,
		});
		return plan;
	},
	observability,
	{ message: 'Planning failed', fields: (event) => ({ runId: event.runId }) },
);
