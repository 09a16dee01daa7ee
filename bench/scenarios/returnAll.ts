/**
 * Scenario 3: the action node's Balance Transaction → Get Many → Return All over 10,000 balance
 * transactions, through the in-process n8n runner in a fresh process, against the sandbox at 50 ms
 * latency. Pages are sequential by nature (each needs the last id of the one before), so the bound
 * is pages × latency. Memory is compared at 2,500 and 10,000 items to show it grows linearly.
 */
import type { StripeSandbox } from '../../stripe-sandbox';
import { startSandbox } from '../../stripe-sandbox';
import { repositoryRoot, STRIPE_LIKE } from '../lib/environment';
import { runInFreshProcess, type FreshProcessResult } from '../lib/freshProcess';
import { compared, plain } from '../lib/report';
import type { Scenario } from '../lib/scenario';
import { median } from '../lib/statistics';
import type { ReturnAllInput, ReturnAllOutput } from '../workers/returnAll';

const LARGE = 10_000;
const SMALL = 2_500;
const PAGE_SIZE = 100;
const WORKER = `${repositoryRoot}/bench/workers/returnAll.ts`;
const MB = 2 ** 20;

/** A connected account holding exactly `count` balance transactions, seeded without HTTP. */
function accountWithTransactions(sandbox: StripeSandbox, count: number): string {
	const account = sandbox.state.createConnectedAccount({}).id;
	for (let index = 0; index < count; index++) {
		sandbox.state.fundBalance({ account, currency: 'usd', amount: 1_000 + (index % 500) });
	}
	const held = sandbox.state.listObjects('balance_transaction', account).length;
	if (held !== count) {
		throw new Error(
			`seeding: the account holds ${held} balance transactions, ${count} were seeded`,
		);
	}
	return account;
}

/** The same pages fetched one after another with fetch(): latency plus the sandbox's own work. */
async function plainPageLoop(sandbox: StripeSandbox, account: string) {
	const started = performance.now();
	let pages = 0;
	let startingAfter: string | undefined;
	for (;;) {
		const query = `limit=${PAGE_SIZE}${startingAfter ? `&starting_after=${startingAfter}` : ''}`;
		const response = await fetch(`${sandbox.url}/v1/balance_transactions?${query}`, {
			headers: { authorization: `Bearer ${sandbox.secretKey}`, 'stripe-account': account },
		});
		const page = (await response.json()) as { data: Array<{ id: string }>; has_more: boolean };
		if (!response.ok) throw new Error(`plain page loop: the sandbox answered ${response.status}`);
		pages++;
		if (!page.has_more || page.data.length === 0) break;
		startingAfter = page.data[page.data.length - 1].id;
	}
	return { pages, seconds: (performance.now() - started) / 1000 };
}

export const returnAllScenario: Scenario = {
	id: 'return-all',
	title: "The node's Return All: 10,000 balance transactions through the in-process n8n runner",
	async run({ log, outcome }) {
		const sandbox = await startSandbox();
		try {
			log('seeding balance transactions');
			const warmUpAccount = accountWithTransactions(sandbox, 3);
			const small = accountWithTransactions(sandbox, SMALL);
			const large = accountWithTransactions(sandbox, LARGE);
			sandbox.setLatency(STRIPE_LIKE.latencyMs);
			sandbox.setRateLimit(STRIPE_LIKE.rateLimitPerSecond);
			outcome.setup = `Balance Transaction → Get Many (Return All) on a connected account holding ${LARGE.toLocaleString('en-US')} transactions (and ${SMALL.toLocaleString('en-US')} for the memory comparison); runWorkflow() with n8n-core's WorkflowExecute in a fresh process, warmed up by one small run; sandbox ${STRIPE_LIKE.latencyMs} ms, ${STRIPE_LIKE.rateLimitPerSecond} req/s`;

			const listAll = async (account: string, items: number) => {
				log(`listing ${items.toLocaleString('en-US')} transactions`);
				sandbox.clearRequests();
				const result: FreshProcessResult<ReturnAllOutput> = await runInFreshProcess<
					ReturnAllInput,
					ReturnAllOutput
				>(
					WORKER,
					{ sandbox: { url: sandbox.url, secretKey: sandbox.secretKey }, account, warmUpAccount },
					{
						env: { N8N_USER_FOLDER: '/tmp/n8n-nodes-stripe-connect-bench' },
						nodeFlags: ['--expose-gc'],
					},
				);
				if (result.output.error) throw new Error(`the workflow failed: ${result.output.error}`);
				const calls = sandbox.requests({ stripeAccount: account }).length;
				return { ...result, calls };
			};
			// The plain loop runs before, between and after the node's runs; its median is compared,
			// so a change of load on the shared machine during the scenario does not skew the split.
			log('listing the pages with a plain HTTP loop (1 of 3)');
			const plainLoops = [await plainPageLoop(sandbox, large)];
			const smallRun = await listAll(small, SMALL);
			log('listing the pages with a plain HTTP loop (2 of 3)');
			plainLoops.push(await plainPageLoop(sandbox, large));
			const largeRun = await listAll(large, LARGE);
			log('listing the pages with a plain HTTP loop (3 of 3)');
			plainLoops.push(await plainPageLoop(sandbox, large));
			const plainLoop = {
				pages: plainLoops[0].pages,
				seconds: median(plainLoops.map((loop) => loop.seconds)),
			};

			const pages = Math.ceil(LARGE / PAGE_SIZE);
			const boundSeconds = (pages * STRIPE_LIKE.latencyMs) / 1000;
			const seconds = largeRun.output.durationMs / 1000;
			const retainedPerItem = (run: typeof largeRun) =>
				run.output.retainedHeapBytes / run.output.items;
			const peakGrowthPerItem = (run: typeof largeRun) =>
				((run.memory.peakHeapUsedMB - run.memory.baselineHeapUsedMB) * MB) / run.output.items;

			outcome.figures.push(
				compared('API calls (pages)', largeRun.calls, 'calls', {
					name: `⌈${LARGE.toLocaleString('en-US')} ÷ ${PAGE_SIZE}⌉ pages`,
					value: pages,
				}),
				compared(
					'Wall time',
					seconds,
					's',
					{ name: `pages × ${STRIPE_LIKE.latencyMs} ms`, value: boundSeconds },
					{ description: '≤ 1.2 × pages × latency', maxRatio: 1.2 },
				),
				plain('Items per second', largeRun.output.items / seconds, 'items/s'),
				plain('Items returned', largeRun.output.items, 'count', {
					target: {
						description: `all ${LARGE.toLocaleString('en-US')}, each once`,
						holds: largeRun.output.items === LARGE && largeRun.output.distinctIds === LARGE,
					},
				}),
				plain('Peak memory (process RSS)', largeRun.memory.peakRssMB, 'MB', {
					note: `RSS ${largeRun.memory.baselineRssMB.toFixed(0)} MB after loading and warming n8n; peak V8 heap ${largeRun.memory.peakHeapUsedMB.toFixed(1)} MB from ${largeRun.memory.baselineHeapUsedMB.toFixed(1)} MB`,
				}),
				compared(
					`Heap retained per item at ${LARGE.toLocaleString('en-US')}`,
					retainedPerItem(largeRun),
					'bytes/item',
					{
						name: `per item at ${SMALL.toLocaleString('en-US')}`,
						value: retainedPerItem(smallRun),
					},
					{ description: 'grows no faster than the items (≤ 1.0×)', maxRatio: 1 },
				),
				compared(
					`Peak heap growth per item at ${LARGE.toLocaleString('en-US')}`,
					peakGrowthPerItem(largeRun),
					'bytes/item',
					{
						name: `per item at ${SMALL.toLocaleString('en-US')}`,
						value: peakGrowthPerItem(smallRun),
					},
				),
				compared('Plain HTTP page loop, same pages (median of 3)', plainLoop.seconds, 's', {
					name: `pages × ${STRIPE_LIKE.latencyMs} ms`,
					value: boundSeconds,
				}),
				plain(
					'Sandbox work per page, beyond latency',
					((plainLoop.seconds - boundSeconds) * 1000) / plainLoop.pages,
					'ms',
				),
				plain(
					'n8n + node work per page',
					((seconds - plainLoop.seconds) * 1000) / largeRun.calls,
					'ms',
				),
			);
			outcome.notes.push(
				`Heap retained = V8 heap in use after a full GC with the returned items still held, minus the same before the run (after a warm-up run and a GC), per item returned. Peak heap growth = highest heap sampled every 5 ms minus that baseline; it includes garbage not yet collected, so it depends on when V8 collects. ${SMALL.toLocaleString('en-US')} items took ${(smallRun.output.durationMs / 1000).toFixed(2)} s in ${smallRun.calls} calls.`,
				`The plain HTTP loop fetches the same ${plainLoop.pages} pages with fetch() one after another from the benchmark process: the floor set by latency plus the sandbox's own work per page, without n8n or the node.`,
			);
		} finally {
			await sandbox.close();
		}
	},
};
