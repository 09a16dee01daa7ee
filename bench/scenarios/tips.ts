/**
 * Scenario 2: the weekly tip transfer Lambda handler for 2,000 recipients and 20,000 tipped
 * payments in the week, against the sandbox at Stripe's 100 requests/s and 50 ms latency, then a
 * second run of the same week that must create zero transfers.
 */
import { transferGroupOf } from '../../functions/transferTips/plan';
import type { TipBatchSummary } from '../../functions/transferTips/summary';
import { previousPayPeriod } from '../../functions/transferTips/period';
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
	type JobEnvironment,
	type JobPhases,
} from '../lib/environment';
import { runInFreshProcess } from '../lib/freshProcess';
import { compared, plain, type Figure } from '../lib/report';
import type { Scenario } from '../lib/scenario';
import type { InvokeHandlerInput, InvokeHandlerOutput } from '../workers/invokeHandler';

const RECIPIENTS = 2_000;
const PAYMENTS = 20_000;
const TIP = 300;
const PAGE_SIZE = 100;
const HANDLER = `${repositoryRoot}/functions/transferTips/handler.ts`;

interface SeededTips {
	periodId: string;
	recipients: string[];
	/** Tips owed per recipient, in minor units. */
	owed: Map<string, number>;
	connectedAccounts: number;
}

/** Seeds recipients, the platform balance and the week's tipped payments through state.* builders. */
function seed(sandbox: StripeSandbox): SeededTips {
	const period = previousPayPeriod(sandbox.now(), 'UTC');
	const recipients = Array.from(
		{ length: RECIPIENTS },
		() => sandbox.state.createConnectedAccount({}).id,
	);
	sandbox.state.fundBalance({ currency: 'usd', amount: PAYMENTS * TIP * 2 });
	const owed = new Map<string, number>();
	const spacing = Math.floor((period.end - period.start) / PAYMENTS);
	for (let index = 0; index < PAYMENTS; index++) {
		const recipient = recipients[index % RECIPIENTS];
		sandbox.state.createPaymentIntent({
			amount: 2_000 + TIP,
			currency: 'usd',
			status: 'succeeded',
			created: period.start + index * spacing,
			metadata: { tip_amount: String(TIP), tip_recipient: recipient },
		});
		owed.set(recipient, (owed.get(recipient) ?? 0) + TIP);
	}
	const connectedAccounts = sandbox.state.listObjects('account').length;
	return { periodId: period.id, recipients, owed, connectedAccounts };
}

/** The fewest calls a run needs, from the data: what must be read, checked and created. */
function minimumCalls(
	data: SeededTips,
	existingTransfers: number,
	transfersToCreate: number,
): number {
	const paymentPages = Math.ceil(PAYMENTS / PAGE_SIZE);
	// Even an empty list of the week's transfers takes one call: the guard against paying twice.
	const transferPages = Math.max(1, Math.ceil(existingTransfers / PAGE_SIZE));
	// The recipients still to pay must be checked (transfers capability): one list of every connected
	// account, or one retrieve per recipient, whichever is fewer.
	const recipientChecks =
		transfersToCreate === 0
			? 0
			: Math.min(Math.ceil(data.connectedAccounts / PAGE_SIZE), transfersToCreate);
	return paymentPages + transferPages + recipientChecks + transfersToCreate;
}

interface TipRun {
	summary: TipBatchSummary;
	seconds: number;
	wire: ReturnType<typeof countWire>;
	createCalls: number;
	peakRssMB: number;
	peakHeapUsedMB: number;
	phases: JobPhases;
}

async function runHandler(environment: JobEnvironment, periodId: string): Promise<TipRun> {
	environment.sandbox.clearRequests();
	const phases = watchJobPhases(environment);
	const run = await runInFreshProcess<InvokeHandlerInput, InvokeHandlerOutput>(
		invokeHandlerWorker,
		{ modulePath: HANDLER, event: { period: periodId }, timeoutMs: JOB_LAMBDA.timeoutMs },
		{ env: jobLambdaEnvironment(environment, { TIPS_TIME_ZONE: 'UTC' }) },
	);
	const requests = environment.sandbox.requests();
	return {
		summary: run.output.result as TipBatchSummary,
		seconds: run.output.durationMs / 1000,
		wire: countWire(requests),
		createCalls: requests.filter(
			(request) => request.method === 'POST' && request.path === '/v1/transfers',
		).length,
		peakRssMB: run.memory.peakRssMB,
		peakHeapUsedMB: run.memory.peakHeapUsedMB,
		phases: phases.stop(),
	};
}

/** Transfers per recipient and whether each was paid exactly what it is owed, once. */
function paidAsOwed(
	sandbox: StripeSandbox,
	data: SeededTips,
): { transfers: number; exact: number } {
	const transfers = sandbox.state
		.listObjects('transfer')
		.filter((transfer) => transfer.transfer_group === transferGroupOf(data.periodId));
	const byDestination = new Map<string, number[]>();
	for (const transfer of transfers) {
		const destination = String(transfer.destination);
		byDestination.set(destination, [
			...(byDestination.get(destination) ?? []),
			Number(transfer.amount),
		]);
	}
	const exact = data.recipients.filter((recipient) => {
		const amounts = byDestination.get(recipient) ?? [];
		return amounts.length === 1 && amounts[0] === data.owed.get(recipient);
	}).length;
	return { transfers: transfers.length, exact };
}

/**
 * The second run's wall-time target is missed by a decision (issue 17): meeting it would break the
 * job's promise of at most 2 % more calls than the week's pages, or count tips the run did not verify.
 */
const RERUN_WALL_TIME_DECISION =
	'docs/benchmarks.md, "Targets that do not hold": the re-run reads the whole week to verify every tip';

function runFigures(
	label: string,
	run: TipRun,
	minimum: number,
	wallTimeMissDecided?: string,
): Figure[] {
	const boundSeconds = minimum / STRIPE_LIKE.rateLimitPerSecond;
	const errors = run.summary.counts.failed + run.summary.counts.notReached;
	return [
		compared(
			`${label}: API calls`,
			run.wire.calls,
			'calls',
			{ name: 'minimum the data requires', value: minimum },
			{ description: '≤ 1.02 × minimum', maxRatio: 1.02 },
		),
		compared(
			`${label}: wall time`,
			run.seconds,
			's',
			{ name: `minimum calls ÷ ${STRIPE_LIKE.rateLimitPerSecond}/s`, value: boundSeconds },
			{
				description: '≤ 1.15 × rate-limit bound',
				maxRatio: 1.15,
				missDecided: wallTimeMissDecided,
			},
		),
		{
			...compared(`${label}: achieved request rate`, run.wire.calls / run.seconds, 'calls/s', {
				name: 'sandbox rate limit',
				value: STRIPE_LIKE.rateLimitPerSecond,
			}),
			note: describePhases(run.phases),
		},
		compared(
			`${label}: peak memory (process RSS)`,
			run.peakRssMB,
			'MB',
			{ name: 'Lambda memory', value: JOB_LAMBDA.memoryMB },
			{ description: `within a ${JOB_LAMBDA.memoryMB} MB Lambda`, maxRatio: 1 },
		),
		plain(`${label}: 429s seen`, run.wire.rateLimited, 'count'),
		plain(`${label}: errors after retries`, errors, 'count', {
			target: { description: 'zero errors after retries', holds: errors === 0 },
			note: `failed ${run.summary.counts.failed}, not reached ${run.summary.counts.notReached}; 5xx seen ${run.wire.serverErrors}, other 4xx ${run.wire.otherErrors}; peak V8 heap ${run.peakHeapUsedMB.toFixed(1)} MB`,
		}),
	];
}

export const tipsScenario: Scenario = {
	id: 'tips',
	title: 'Tip transfers at scale: 2,000 recipients, 20,000 tipped payments in the week',
	async run({ log, outcome }) {
		const environment = await startJobEnvironment();
		const { sandbox } = environment;
		try {
			log('seeding through state.* builders');
			const seedStarted = performance.now();
			const data = seed(sandbox);
			outcome.setup = `${RECIPIENTS} recipients (${data.connectedAccounts} connected accounts), ${PAYMENTS} succeeded payments in ${data.periodId} each tipping ${TIP} usd, seeded in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s; sandbox ${STRIPE_LIKE.rateLimitPerSecond} req/s, ${STRIPE_LIKE.latencyMs} ms; the real handler in a fresh process per run, STRIPE_REQUESTS_PER_SECOND=${STRIPE_LIKE.rateLimitPerSecond}, other settings at their defaults`;
			sandbox.setLatency(STRIPE_LIKE.latencyMs);
			sandbox.setRateLimit(STRIPE_LIKE.rateLimitPerSecond);

			const firstMinimum = minimumCalls(data, 0, RECIPIENTS);
			log(`first run (bound ${(firstMinimum / STRIPE_LIKE.rateLimitPerSecond).toFixed(1)} s)`);
			const first = await runHandler(environment, data.periodId);
			const afterFirst = paidAsOwed(sandbox, data);
			outcome.figures.push(
				...runFigures('First run', first, firstMinimum),
				plain(
					'First run: recipients paid exactly once, exactly what they are owed',
					afterFirst.exact,
					'count',
					{
						target: {
							description: `all ${RECIPIENTS.toLocaleString('en-US')}`,
							holds: afterFirst.exact === RECIPIENTS && afterFirst.transfers === RECIPIENTS,
						},
					},
				),
			);

			const secondMinimum = minimumCalls(data, afterFirst.transfers, 0);
			log('second run of the same week');
			const second = await runHandler(environment, data.periodId);
			const afterSecond = paidAsOwed(sandbox, data);
			outcome.figures.push(
				...runFigures('Second run', second, secondMinimum, RERUN_WALL_TIME_DECISION),
				plain('Second run: transfers created', second.createCalls, 'count', {
					target: {
						description: 'zero (every transfer found already made)',
						holds:
							second.createCalls === 0 &&
							second.summary.counts.created === 0 &&
							afterSecond.transfers === afterFirst.transfers,
					},
					note: `the job reported ${second.summary.counts.alreadyTransferred} already transferred`,
				}),
			);
			outcome.notes.push(
				'Minimum calls = ⌈payments ÷ 100⌉ pages of the week’s payments + the pages of the week’s existing transfers (at least one: the guard against paying twice) + the recipients still to pay checked for the transfers capability (one list of every connected account, ⌈accounts ÷ 100⌉ calls, or one retrieve each, whichever is fewer) + one create per transfer.',
				'Wall time is the handler invocation, publishing to the loopback EventBridge stand-in included; peak memory is the handler process’s high-water RSS.',
			);
		} finally {
			await environment.close();
		}
	},
};
