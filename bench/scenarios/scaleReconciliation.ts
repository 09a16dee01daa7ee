/**
 * Scale mode: 5,000 connected accounts (five of them with three pages of payouts) reconciled by the
 * packaged Step Functions state machine — planner, Distributed Map of workers within the Stripe
 * budget, summary — beside the single reconciliation Lambda on the same data, against the sandbox at
 * Stripe's 100 requests/s and 50 ms latency. Each run is a fresh process; the state machine runs on
 * the local interpreter (aws-local-stepfunctions) with every Lambda task bound to its real handler.
 */
import { join } from 'node:path';

import { packageService, removePackagedServices } from '../../test/serverless/stack';
import {
	checkPayoutEvents,
	seedPayoutPlatform,
	type SeededPlatform,
} from '../../test/support/payoutPlatform';
import type { ReceivedEntry } from '../../test/support/eventBridgeStandIn';
import {
	countWire,
	invokeHandlerWorker,
	JOB_LAMBDA,
	jobLambdaEnvironment,
	repositoryRoot,
	startJobEnvironment,
	STRIPE_LIKE,
} from '../lib/environment';
import { runInFreshProcess } from '../lib/freshProcess';
import { compared, plain, type Figure } from '../lib/report';
import type { Scenario } from '../lib/scenario';
import type { InvokeHandlerInput, InvokeHandlerOutput } from '../workers/invokeHandler';
import type {
	ScaleStateMachineInput,
	ScaleStateMachineOutput,
} from '../workers/runScaleStateMachine';

const ACCOUNTS = 5_000;
const HEAVY_ACCOUNTS = [7, 1_234, 2_500, 3_777, 4_990];
/** Each worker's pace: MaxConcurrency = 100 / 20 = 5 workers within Stripe's 100 requests/s. */
const WORKER_REQUESTS_PER_SECOND = 20;
const HANDLER = `${repositoryRoot}/functions/reconcilePayouts/handler.ts`;
const STATE_MACHINE_WORKER = join(repositoryRoot, 'bench/workers/runScaleStateMachine.ts');

/** The figure that says whether every payout got its one event. */
function classifiedFigure(name: string, platform: SeededPlatform, accepted: ReceivedEntry[]) {
	const check = checkPayoutEvents(platform, accepted);
	return plain(name, check.asSeeded, 'count', {
		target: {
			description: `all ${platform.expected.size.toLocaleString('en-US')}, one event each`,
			holds:
				check.asSeeded === platform.expected.size &&
				check.payoutsWithEvents === platform.expected.size &&
				check.duplicateKeys.length === 0,
		},
	});
}

export const scaleReconciliationScenario: Scenario = {
	id: 'scale-reconciliation',
	title:
		'Reconciliation in scale mode: 5,000 accounts through the state machine beside one Lambda, same data',
	async run({ log, outcome }) {
		const rate = STRIPE_LIKE.rateLimitPerSecond;
		log('packaging the service in scale mode with the benchmark’s budget');
		const packaged = await packageService('prod', {
			reconcileMode: 'scale',
			stripeRequestBudgetPerSecond: String(rate),
			scaleWorkerRequestsPerSecond: String(WORKER_REQUESTS_PER_SECOND),
			scaleBatchSize: '100',
		});
		const environment = await startJobEnvironment();
		const { sandbox, eventBridge } = environment;
		try {
			log('seeding through state.* builders');
			const platform = seedPayoutPlatform(sandbox, ACCOUNTS, HEAVY_ACCOUNTS);
			outcome.setup = `${ACCOUNTS.toLocaleString('en-US')} accounts, ${platform.expected.size.toLocaleString('en-US')} payouts (${HEAVY_ACCOUNTS.length} accounts with three pages of them); sandbox ${rate} req/s, ${STRIPE_LIKE.latencyMs} ms; one Lambda at STRIPE_REQUESTS_PER_SECOND=${rate}; the packaged state machine with stripeRequestBudgetPerSecond=${rate}, scaleWorkerRequestsPerSecond=${WORKER_REQUESTS_PER_SECOND}, scaleBatchSize=100`;
			sandbox.setLatency(STRIPE_LIKE.latencyMs);
			sandbox.setRateLimit(rate);

			log(`one Lambda (bound ${(platform.minimumCalls / rate).toFixed(1)} s)`);
			sandbox.clearRequests();
			const singleFrom = eventBridge.accepted().length;
			const single = await runInFreshProcess<InvokeHandlerInput, InvokeHandlerOutput>(
				invokeHandlerWorker,
				{ modulePath: HANDLER, event: {}, timeoutMs: JOB_LAMBDA.timeoutMs },
				{ env: jobLambdaEnvironment(environment), timeoutMs: 20 * 60_000 },
			);
			const singleWire = countWire(sandbox.requests());
			const singleEvents = eventBridge.accepted().slice(singleFrom);
			const singleSeconds = single.output.durationMs / 1000;

			log('the state machine');
			sandbox.clearRequests();
			const scaleFrom = eventBridge.accepted().length;
			const scale = await runInFreshProcess<ScaleStateMachineInput, ScaleStateMachineOutput>(
				STATE_MACHINE_WORKER,
				{
					templatePath: join(packaged.directory, 'cloudformation-template-update-stack.json'),
					repositoryRoot,
					endpoints: {
						stripeApiBase: sandbox.url,
						stripeSecretKey: sandbox.secretKey,
						eventBridgeUrl: eventBridge.url,
					},
				},
				{ timeoutMs: 20 * 60_000 },
			);
			const scaleWire = countWire(sandbox.requests());
			const scaleEvents = eventBridge.accepted().slice(scaleFrom);
			const scaleSeconds = scale.output.durationMs / 1000;
			if (scale.output.status !== 'SUCCEEDED') {
				throw new Error(`the execution failed: ${JSON.stringify(scale.output.error)}`);
			}

			const figures: Figure[] = [
				compared(
					'API calls, state machine',
					scaleWire.calls,
					'calls',
					{ name: 'minimum one Lambda needs', value: platform.minimumCalls },
					{ description: '≤ 1.02 × minimum', maxRatio: 1.02 },
				),
				compared('API calls, one Lambda', singleWire.calls, 'calls', {
					name: 'minimum the data requires',
					value: platform.minimumCalls,
				}),
				compared('Wall time, state machine', scaleSeconds, 's', {
					name: `its calls ÷ ${rate}/s`,
					value: scaleWire.calls / rate,
				}),
				compared('Wall time, one Lambda', singleSeconds, 's', {
					name: `its calls ÷ ${rate}/s`,
					value: singleWire.calls / rate,
				}),
				{
					...compared('Wall time, state machine vs one Lambda', scaleSeconds, 's', {
						name: 'one Lambda',
						value: singleSeconds,
					}),
					note: `${scale.output.workerInvocations} worker invocations, at most ${scale.output.peakWorkers} at once (MaxConcurrency ${scale.output.maxConcurrency})`,
				},
				plain('Workers at once', scale.output.peakWorkers, 'count', {
					target: {
						description: `≤ MaxConcurrency (${scale.output.maxConcurrency})`,
						holds: scale.output.peakWorkers <= scale.output.maxConcurrency,
					},
				}),
				plain('429s seen, state machine', scaleWire.rateLimited, 'count', {
					note: `one Lambda: ${singleWire.rateLimited}; 5xx seen ${scaleWire.serverErrors}, other 4xx ${scaleWire.otherErrors}`,
				}),
				classifiedFigure('Payouts classified as seeded, state machine', platform, scaleEvents),
				classifiedFigure('Payouts classified as seeded, one Lambda', platform, singleEvents),
			];
			outcome.figures.push(...figures);
			outcome.notes.push(
				'The state machine is the one `npm run package` writes into the CloudFormation template, run by aws-local-stepfunctions 3.0.0 in one process with each Lambda task calling its real handler (each loaded with its own environment from the template): the workers share that process, where each would have its own Lambda. Wall time is the execution from its start to the summary, handler loading excluded; waits between attempts do not occur here (no batch fails).',
				'Each run’s bound is its own calls ÷ the rate limit. The state machine adds one account-list call per batch (its range) and runs its planner, workers and summary one after another; the single Lambda lists the accounts and reconciles them in one process.',
			);
		} finally {
			await environment.close();
			await removePackagedServices();
		}
	},
};
