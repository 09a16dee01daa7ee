/**
 * Scenario 1: the reconciliation Lambda handler over 1,000 connected accounts × 3 automatic payouts
 * × 40 balance transactions, against the sandbox at Stripe's 100 requests/s and 50 ms latency.
 * The handler runs in a fresh process (its memory is its own) and publishes to the loopback
 * EventBridge stand-in, whose events prove every payout was classified as seeded.
 */
import { RECONCILIATION_DETAIL_TYPES } from '../../functions/reconcilePayouts/events';
import type { ReconciliationSummary } from '../../functions/reconcilePayouts/summary';
import type { StripeSandbox } from '../../stripe-sandbox';
import {
	countWire,
	describePhases,
	invokeHandlerWorker,
	JOB_LAMBDA,
	jobLambdaEnvironment,
	repositoryRoot,
	startJobEnvironment,
	STRIPE_LIKE,
	watchJobPhases,
} from '../lib/environment';
import { runInFreshProcess } from '../lib/freshProcess';
import { compared, plain } from '../lib/report';
import type { Scenario } from '../lib/scenario';
import type { InvokeHandlerInput, InvokeHandlerOutput } from '../workers/invokeHandler';

const ACCOUNTS = 1_000;
const PAYOUTS_PER_ACCOUNT = 3;
const TRANSACTIONS_PER_PAYOUT = 40;
/** Accounts the one-request-at-a-time baseline reconciles; its time is scaled to the full data. */
const BASELINE_ACCOUNTS = 50;
const PAGE_SIZE = 100;
const HANDLER = `${repositoryRoot}/functions/reconcilePayouts/handler.ts`;

type SeededKind = 'reconciled' | 'mismatch' | 'failed';

const DETAIL_TYPE_OF: Record<SeededKind, string> = {
	reconciled: RECONCILIATION_DETAIL_TYPES.reconciled,
	mismatch: RECONCILIATION_DETAIL_TYPES.mismatch,
	failed: RECONCILIATION_DETAIL_TYPES.failed,
};

/** A deterministic mix: mostly reconciled, one in 25 accounts with a mismatch, one in 40 with a failure. */
function seededKind(accountIndex: number, payoutIndex: number): SeededKind {
	if (payoutIndex === 1 && accountIndex % 25 === 24) return 'mismatch';
	if (payoutIndex === 2 && accountIndex % 40 === 39) return 'failed';
	return 'reconciled';
}

/** 40 transactions: charges with Stripe's fee, a few refunds and one adjustment. */
function payoutTransactions(seed: number) {
	return Array.from({ length: TRANSACTIONS_PER_PAYOUT }, (_, index) => {
		if (index % 10 === 9) return { type: 'refund', amount: -(500 + (seed % 7) * 100), fee: 0 };
		if (index === TRANSACTIONS_PER_PAYOUT - 2) return { type: 'adjustment', amount: -150, fee: 0 };
		const amount = 1_000 + ((seed * 31 + index * 17) % 9_000);
		return { type: 'charge', amount, fee: Math.round(amount * 0.029) + 30 };
	});
}

interface SeededData {
	accounts: string[];
	expected: Map<string, SeededKind>;
	/** Payouts whose transactions the data requires listing (automatic, paid, reconciliation completed). */
	attributedPayouts: number;
}

/** Seeds through the sandbox's scenario builders (no HTTP, no request log). */
function seed(sandbox: StripeSandbox): SeededData {
	const now = sandbox.now();
	const accounts: string[] = [];
	const expected = new Map<string, SeededKind>();
	let attributedPayouts = 0;
	for (let accountIndex = 0; accountIndex < ACCOUNTS; accountIndex++) {
		const account = sandbox.state.createConnectedAccount({}).id;
		accounts.push(account);
		for (let payoutIndex = 0; payoutIndex < PAYOUTS_PER_ACCOUNT; payoutIndex++) {
			const kind = seededKind(accountIndex, payoutIndex);
			// Arrived 2, 10 and 18 hours ago: inside the job's default 24 h + 6 h window.
			const arrival = now - 3600 * (2 + payoutIndex * 8);
			const payout = sandbox.state.createAutomaticPayout({
				account,
				currency: 'usd',
				created: arrival - 86_400,
				arrival_date: arrival,
				status: kind === 'failed' ? 'failed' : 'paid',
				reconciliation_status: kind === 'failed' ? 'not_applicable' : 'completed',
				transactions: payoutTransactions(accountIndex * PAYOUTS_PER_ACCOUNT + payoutIndex),
				...(kind === 'mismatch' ? { mismatchBy: 1_00 } : {}),
			});
			expected.set(payout.id, kind);
			if (kind !== 'failed') attributedPayouts++;
		}
	}
	return { accounts, expected, attributedPayouts };
}

/** How many transactions Stripe lists for a payout: its own plus those it paid out (checked, not assumed). */
async function listedTransactionsPerPayout(
	sandbox: StripeSandbox,
	account: string,
	payout: string,
) {
	const response = await fetch(
		`${sandbox.url}/v1/balance_transactions?payout=${payout}&limit=100`,
		{
			headers: { authorization: `Bearer ${sandbox.secretKey}`, 'stripe-account': account },
		},
	);
	const body = (await response.json()) as { data?: unknown[]; has_more?: boolean };
	if (!response.ok || !Array.isArray(body.data) || body.has_more) {
		throw new Error(
			`checking the seeded data: GET balance_transactions?payout=${payout} answered ${response.status}`,
		);
	}
	return body.data.length;
}

export const reconciliationScenario: Scenario = {
	id: 'reconciliation',
	title: 'Reconciliation at scale: 1,000 accounts × 3 automatic payouts × 40 balance transactions',
	async run({ log, outcome }) {
		const environment = await startJobEnvironment();
		const { sandbox, eventBridge } = environment;
		try {
			log('seeding through state.* builders');
			const seedStarted = performance.now();
			const data = seed(sandbox);
			const seedMs = performance.now() - seedStarted;
			const sampleAccount = data.accounts[0];
			const [samplePayout] = sandbox.state
				.listObjects('payout', sampleAccount)
				.map((payout) => payout.id)
				.filter((id) => data.expected.get(id) === 'reconciled');
			const listedPerPayout = await listedTransactionsPerPayout(
				sandbox,
				sampleAccount,
				samplePayout,
			);
			if (listedPerPayout !== TRANSACTIONS_PER_PAYOUT + 1) {
				throw new Error(
					`the sandbox lists ${listedPerPayout} transactions for a payout seeded with ${TRANSACTIONS_PER_PAYOUT} (expected ${TRANSACTIONS_PER_PAYOUT} plus the payout's own)`,
				);
			}
			const minimumCalls =
				Math.ceil(ACCOUNTS / PAGE_SIZE) +
				ACCOUNTS * Math.ceil(PAYOUTS_PER_ACCOUNT / PAGE_SIZE) +
				data.attributedPayouts * Math.ceil(listedPerPayout / PAGE_SIZE);
			const boundSeconds = minimumCalls / STRIPE_LIKE.rateLimitPerSecond;
			outcome.setup = `${ACCOUNTS} accounts, ${data.expected.size} payouts (${data.attributedPayouts} attributed), ${data.attributedPayouts * TRANSACTIONS_PER_PAYOUT + (data.expected.size - data.attributedPayouts) * TRANSACTIONS_PER_PAYOUT} balance transactions, seeded in ${(seedMs / 1000).toFixed(1)} s; sandbox ${STRIPE_LIKE.rateLimitPerSecond} req/s, ${STRIPE_LIKE.latencyMs} ms; the real handler in a fresh process, STRIPE_REQUESTS_PER_SECOND=${STRIPE_LIKE.rateLimitPerSecond}, other settings at their defaults`;

			sandbox.clearRequests();
			sandbox.setLatency(STRIPE_LIKE.latencyMs);
			sandbox.setRateLimit(STRIPE_LIKE.rateLimitPerSecond);
			log(`running the handler (bound ${boundSeconds.toFixed(1)} s)`);
			const phases = watchJobPhases(environment);
			const run = await runInFreshProcess<InvokeHandlerInput, InvokeHandlerOutput>(
				invokeHandlerWorker,
				{ modulePath: HANDLER, event: {}, timeoutMs: JOB_LAMBDA.timeoutMs },
				{ env: jobLambdaEnvironment(environment) },
			);
			const phaseSpans = phases.stop();
			const wire = countWire(sandbox.requests());
			const summary = run.output.result as ReconciliationSummary;
			const jobSeconds = run.output.durationMs / 1000;

			const classified = new Map<string, string>();
			let duplicates = 0;
			for (const entry of eventBridge.accepted()) {
				const payout = entry.detail.payout;
				if (typeof payout !== 'string') continue;
				if (classified.has(payout)) duplicates++;
				classified.set(payout, entry.DetailType);
			}
			const asSeeded = [...data.expected].filter(
				([payout, kind]) => classified.get(payout) === DETAIL_TYPE_OF[kind],
			).length;
			const errorsAfterRetries = summary.accounts.notReached.length;

			outcome.figures.push(
				compared(
					'API calls',
					wire.calls,
					'calls',
					{ name: 'minimum the data requires', value: minimumCalls },
					{ description: '≤ 1.02 × minimum', maxRatio: 1.02 },
				),
				compared(
					'Wall time',
					jobSeconds,
					's',
					{ name: `minimum calls ÷ ${STRIPE_LIKE.rateLimitPerSecond}/s`, value: boundSeconds },
					{ description: '≤ 1.15 × rate-limit bound', maxRatio: 1.15 },
				),
				compared('Achieved request rate', wire.calls / jobSeconds, 'calls/s', {
					name: 'sandbox rate limit',
					value: STRIPE_LIKE.rateLimitPerSecond,
				}),
				compared(
					'Peak memory (process RSS)',
					run.memory.peakRssMB,
					'MB',
					{ name: 'Lambda memory', value: JOB_LAMBDA.memoryMB },
					{ description: `within a ${JOB_LAMBDA.memoryMB} MB Lambda`, maxRatio: 1 },
				),
				plain('Peak V8 heap in use', run.memory.peakHeapUsedMB, 'MB', {
					note: `${describePhases(phaseSpans)}; RSS ${run.memory.baselineRssMB.toFixed(0)} MB and heap ${run.memory.baselineHeapUsedMB.toFixed(0)} MB before the invocation`,
				}),
				plain('429s seen', wire.rateLimited, 'count'),
				plain('Errors after retries', errorsAfterRetries, 'count', {
					target: { description: 'zero errors after retries', holds: errorsAfterRetries === 0 },
					note: `accounts not reached: ${errorsAfterRetries}; 5xx seen ${wire.serverErrors}, other 4xx ${wire.otherErrors}; job-counted calls ${summary.apiCalls}, retries ${summary.retries}`,
				}),
				plain('Payouts classified as seeded', asSeeded, 'count', {
					target: {
						description: `all ${data.expected.size.toLocaleString('en-US')}, one event each`,
						holds:
							asSeeded === data.expected.size &&
							classified.size === data.expected.size &&
							duplicates === 0,
					},
				}),
			);

			log(`running the one-request-at-a-time baseline on ${BASELINE_ACCOUNTS} accounts`);
			sandbox.clearRequests();
			const baseline = await runInFreshProcess<InvokeHandlerInput, InvokeHandlerOutput>(
				invokeHandlerWorker,
				{ modulePath: HANDLER, event: {}, timeoutMs: JOB_LAMBDA.timeoutMs },
				{
					env: jobLambdaEnvironment(environment, {
						STRIPE_MAX_CONCURRENCY: '1',
						RECONCILE_ACCOUNTS: data.accounts.slice(0, BASELINE_ACCOUNTS).join(','),
					}),
				},
			);
			const baselineCalls = countWire(sandbox.requests()).calls;
			const baselineSeconds = (baseline.output.durationMs / 1000) * (minimumCalls / baselineCalls);
			outcome.figures.push({
				...compared('One request at a time (extrapolated)', baselineSeconds, 's', {
					name: 'this job',
					value: jobSeconds,
				}),
				ratioLabel: 'speed-up of the job',
			});
			outcome.notes.push(
				`The baseline is the same handler with STRIPE_MAX_CONCURRENCY=1 (one account and one request at a time, as an n8n loop or a naive script calls Stripe) over the first ${BASELINE_ACCOUNTS} accounts: ${baselineCalls} calls in ${(baseline.output.durationMs / 1000).toFixed(1)} s, scaled linearly to ${minimumCalls} calls. Linear scaling holds because one request at a time is bound by latency (≈ ${(baselineCalls / (baseline.output.durationMs / 1000)).toFixed(0)} req/s), far under the ${STRIPE_LIKE.rateLimitPerSecond}/s limit.`,
				'Wall time is the handler invocation (module initialisation excluded, as Lambda bills init separately) and includes publishing every event to the loopback EventBridge stand-in.',
				`Peak memory is the kernel's high-water RSS of the handler's own process (runtime, tsx transpiler and code included), the figure Lambda's ${JOB_LAMBDA.memoryMB} MB applies to.`,
			);
		} finally {
			await environment.close();
		}
	},
};
