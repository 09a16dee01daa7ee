/**
 * Issue 12's batch scenarios: 1,000 Transfer → Create items in one node run against the sandbox's
 * rate limiter at Stripe's test (25/s) and live (100/s) limits, through the in-process n8n runner in
 * a fresh process. Each must create every transfer exactly once with no failed item, within 1.15 ×
 * items ÷ rate (at 100/s the median of three runs, see RUNS_AT). Beside the wall time: when n8n had
 * prepared every item, when the first request left, and the node's own work per item (timed in a dry
 * run). Then the re-run: a batch that fails part-way (Stripe unavailable for 300 of its requests), run
 * again as a new execution, must end with exactly 1,000 transfers.
 */
import type { StripeSandbox } from '../../stripe-sandbox';
import { startSandbox } from '../../stripe-sandbox';
import { repositoryRoot, STRIPE_LIKE } from '../lib/environment';
import { runInFreshProcess } from '../lib/freshProcess';
import { compared, plain } from '../lib/report';
import type { Scenario, ScenarioContext } from '../lib/scenario';
import type { BulkTransfersInput, BulkTransfersOutput } from '../workers/bulkTransfers';

const ITEMS = 1_000;
const RATES = [25, 100] as const;
const FAILED_PART = 300;
const WORKER = `${repositoryRoot}/bench/workers/bulkTransfers.ts`;
const TARGET_RATIO = 1.15;
/**
 * Runs of each configuration at each rate; the figures are those of the run with the median wall
 * time, and every run must create every transfer once. n8n's preparation of 1,000 items varies by
 * about ±30 % from one fresh process to the next on the same idle machine (1.3–2.2 s measured
 * 2026-12-03): on the 10 s bound of 100/s that is ±5 % of the ratio, so one run there says more about
 * the run than the node; on the 40 s bound of 25/s it is diluted four times, and a run takes 40 s.
 */
const RUNS_AT: Record<(typeof RATES)[number], number> = { 25: 1, 100: 3 };

async function runBatch(
	sandbox: StripeSandbox,
	input: Omit<BulkTransfersInput, 'sandbox'>,
): Promise<BulkTransfersOutput> {
	const result = await runInFreshProcess<BulkTransfersInput, BulkTransfersOutput>(
		WORKER,
		{ sandbox: { url: sandbox.url, secretKey: sandbox.secretKey }, ...input },
		{ env: { N8N_USER_FOLDER: '/tmp/n8n-nodes-stripe-connect-bench' } },
	);
	return result.output;
}

/** Transfers to `destination` with an amount of the batch, and how many amounts came twice. */
function transfersOfBatch(sandbox: StripeSandbox, destination: string, firstAmount: number) {
	const amounts = sandbox.state
		.listObjects('transfer')
		.filter((transfer) => transfer.destination === destination)
		.map((transfer) => transfer.amount as number)
		.filter((amount) => amount >= firstAmount && amount < firstAmount + ITEMS);
	return { created: amounts.length, distinct: new Set(amounts).size };
}

/** Request Options → Batching as docs/node.md recommends for big batches: n8n sends while it prepares. */
const BATCHING = { batchSize: 10, batchInterval: 1 };

async function sendBatch(
	sandbox: StripeSandbox,
	destination: string,
	rate: number,
	firstAmount: number,
	batching: typeof BATCHING | undefined,
) {
	sandbox.setRateLimit(rate);
	sandbox.clearRequests();
	const [run] = (
		await runBatch(sandbox, {
			destination,
			items: ITEMS,
			requestsPerSecond: rate,
			runs: 1,
			firstAmount,
			...(batching ? { batching } : {}),
		})
	).runs;
	const { created, distinct } = transfersOfBatch(sandbox, destination, firstAmount);
	const rateLimited = sandbox
		.requests({ method: 'POST', path: '/v1/transfers' })
		.filter((request) => request.status === 429).length;
	return { run, created, distinct, rateLimited };
}

async function batchAtRate(
	{ log, outcome }: ScenarioContext,
	sandbox: StripeSandbox,
	destination: string,
	rate: (typeof RATES)[number],
	firstAmount: number,
) {
	sandbox.setRateLimit(undefined);
	log(`${ITEMS} items at ${rate}/s: timing the node's own work in a dry run`);
	const dry = (
		await runBatch(sandbox, {
			destination,
			items: ITEMS,
			requestsPerSecond: rate,
			runs: 1,
			dryRun: true,
			firstAmount: firstAmount + 8 * ITEMS,
		})
	).runs[0];
	const bound = ITEMS / rate;
	const reference = { name: `${ITEMS.toLocaleString('en-US')} items ÷ ${rate}/s`, value: bound };
	const runs = RUNS_AT[rate];
	const configurations: Array<[label: string, batching: typeof BATCHING | undefined]> = [
		['Batching 10 items / 1 ms', BATCHING],
		['no Request Options', undefined],
	];
	for (const [configuration, [label, batching]] of configurations.entries()) {
		const sent: Array<Awaited<ReturnType<typeof sendBatch>>> = [];
		for (let attempt = 0; attempt < runs; attempt++) {
			log(`${ITEMS} items at ${rate}/s, ${label}: sending (run ${attempt + 1} of ${runs})`);
			// Each run its own amounts, so each run's transfers are counted apart.
			const amounts = firstAmount + (2 * attempt + configuration) * ITEMS;
			sent.push(await sendBatch(sandbox, destination, rate, amounts, batching));
		}
		const byWallTime = [...sent].sort((a, b) => a.run.wallMs - b.run.wallMs);
		const { run, rateLimited } = byWallTime[Math.floor(byWallTime.length / 2)];
		const failed = sent.find(
			({ run: each, created, distinct }) =>
				created !== ITEMS || distinct !== ITEMS || each.items !== ITEMS || each.error,
		);
		const name = `${rate}/s, ${label}`;
		outcome.figures.push(
			{
				...compared(`${name}: wall time`, run.wallMs / 1000, 's', reference, {
					description: `≤ ${TARGET_RATIO} × items ÷ rate`,
					maxRatio: TARGET_RATIO,
				}),
				...(runs > 1
					? {
							note: `the median of ${runs} runs, each in a fresh process: ${sent.map(({ run: each }) => `${(each.wallMs / 1000).toFixed(2)} s`).join(', ')}`,
						}
					: {}),
			},
			plain(`${name}: transfers created`, failed?.created ?? ITEMS, 'count', {
				target: {
					description: `all ${ITEMS.toLocaleString('en-US')}, each once, 0 failed items${runs > 1 ? `, in each of the ${runs} runs` : ''}`,
					holds: failed === undefined,
				},
				...(failed?.run.error ? { note: `a run failed: ${failed.run.error}` } : {}),
			}),
			plain(`${name}: n8n prepared every item after`, run.preparedAllMs / 1000, 's'),
			plain(`${name}: first request left after`, run.firstRequestMs / 1000, 's'),
			plain(`${name}: 429 answers`, rateLimited, 'count'),
		);
	}
	outcome.figures.push(
		plain(
			`${rate}/s: n8n's preparation, CPU time per item (dry run)`,
			(dry.cpuMs * 1000) / ITEMS,
			'µs',
			{
				note: `the dry run sends nothing: n8n's RoutingNode walking the node's properties and resolving each item's expressions, plus the node's own work; wall ${(dry.preparedAllMs / 1000).toFixed(2)} s, CPU ${(dry.cpuMs / 1000).toFixed(2)} s for ${ITEMS.toLocaleString('en-US')} items`,
			},
		),
		plain(
			`${rate}/s: expressions n8n evaluates per item before it reaches the node (dry run)`,
			dry.expressionsPerItem?.beforeTheNode ?? Number.NaN,
			'count',
			{
				note: `RoutingNode resolves the item's value of every top-level property's parameter name, shown or not, twice (for the request, then for the base URL): each expression costs one evaluation per property of its name and pass; the node itself then evaluates ${dry.expressionsPerItem?.byTheNode ?? Number.NaN} per item while reading its parameters`,
			},
		),
		plain(
			`${rate}/s: node's own work per item (dry run)`,
			dry.nodeWorkMicroseconds ?? Number.NaN,
			'µs',
			{
				note: `${(((dry.nodeWorkMicroseconds ?? 0) * ITEMS) / 1e6).toFixed(2)} s for the batch, done while each item waits for its turn; n8n's own preparation of all items took ${(dry.preparedAllMs / 1000).toFixed(2)} s in the dry run`,
			},
		),
	);
}

export const bulkTransfersScenario: Scenario = {
	id: 'bulk-transfers',
	title:
		'The node at the rate limit: 1,000 transfers in one run, and a re-run after a partial failure',
	async run(context) {
		const { log, outcome } = context;
		const sandbox = await startSandbox();
		try {
			const destination = sandbox.state.createConnectedAccount({ country: 'US' }).id;
			sandbox.state.fundBalance({ currency: 'usd', amount: 1_000_000_000 });
			sandbox.setLatency(STRIPE_LIKE.latencyMs);
			outcome.setup = `Transfer → Create, ${ITEMS.toLocaleString('en-US')} items (destination, amount and transfer group from expressions) in one node run; runWorkflow() with n8n-core's RoutingNode in a fresh process, warmed up by 5 items; the credential's Requests per Second equal to the sandbox's rate limit; sandbox ${STRIPE_LIKE.latencyMs} ms latency`;

			let firstAmount = 10_000;
			for (const rate of RATES) {
				await batchAtRate(context, sandbox, destination, rate, firstAmount);
				firstAmount += 10 * ITEMS;
			}
			sandbox.setRateLimit(undefined);

			log(
				`re-run: ${ITEMS} items at 100/s, Stripe unavailable for ${FAILED_PART} of them, then again`,
			);
			sandbox.setRateLimit(100);
			sandbox.injectFaults({
				status: 503,
				shouldRetry: false,
				times: FAILED_PART,
				match: { method: 'POST', path: '/v1/transfers' },
			});
			const rerun = await runBatch(sandbox, {
				destination,
				items: ITEMS,
				requestsPerSecond: 100,
				runs: 2,
				firstAmount,
				warmUp: false,
			});
			sandbox.clearFaults();
			const [failed, again] = rerun.runs;
			const { created, distinct } = transfersOfBatch(sandbox, destination, firstAmount);
			outcome.figures.push(
				plain('Re-run: first run', failed.items, 'count', {
					note: `${failed.error ? `failed as planned: ${failed.error}` : 'did not fail'}`,
				}),
				plain('Re-run: transfers after the second run', created, 'count', {
					target: {
						description: `exactly ${ITEMS.toLocaleString('en-US')}, each once`,
						holds: created === ITEMS && distinct === ITEMS && !again.error,
					},
				}),
				plain('Re-run: items Stripe replayed in the second run', again.replayed, 'count', {
					note: `${again.items - again.replayed} sent anew; wall time ${(again.wallMs / 1000).toFixed(2)} s`,
				}),
			);
			outcome.notes.push(
				'Without Request Options, n8n prepares every item before the first request leaves: RoutingNode builds each item\'s request in one synchronous loop and only then do the requests run ("n8n prepared every item after" is when the last item reached the node). With Request Options → Batching (Items per Batch 10, Batch Interval 1 ms) the loop pauses after every 10 items, so the node sends while n8n prepares the rest; the pacing itself is the node\'s. The node does its own work on an item only when the pacer has a slot for it.',
				'Figures on a shared machine are indicative only; the lead re-measures on an idle machine.',
			);
		} finally {
			await sandbox.close();
		}
	},
};
