/**
 * A burst of distinct events at a running n8n with the counter workflow published, redelivered as
 * Stripe redelivers what was not accepted, then every execution of the burst accounted for from
 * n8n's own records (deliveryFigures.ts reads the figures). The shared measuring helpers are in
 * deliveryMeasurements.ts.
 */
import { UNFINISHED_STATUSES } from '../../scripts/lib/n8nRestApi';
import { parseFlatted } from '../../scripts/lib/n8nRunData';
import type { N8nRunData } from '../../scripts/lib/n8nRunData';
import {
	accepted,
	eventIdMaker,
	isAccepted,
	patiently,
	settle,
	tally,
	waitForQuiet,
} from './deliveryMeasurements';
import type { DeliveryTarget } from './deliveryMeasurements';
import { payoutFailedEvent, postSignedDelivery } from './stripeDeliveries';
import type { DeliveryAnswer } from './stripeDeliveries';

/** A burst's figures. */
export interface BurstFigures {
	deliveries: number;
	seconds: number;
	answers: Record<number, number>;
	medianMs: number;
	p99Ms: number;
	maxMs: number;
	/**
	 * Workflow runs per event → how many events. A run is an execution that reached the last node
	 * (the sink heard from it) or one n8n ended after the workflow started (its data holds the event
	 * and a node that ran); an execution n8n recorded but never ran is not one.
	 */
	executionsPerEvent: Record<number, number>;
	/** From the first delivery until every execution had finished. */
	allDoneSeconds: number;
	/** Executions n8n recorded for the burst, including those it never ran. */
	executionsRecorded: number;
	/** Executions n8n still recorded as new, running or waiting once nothing changed. */
	unfinished: number;
	/**
	 * Of those, the ones that ran the workflow to its last node (the sink heard from them): n8n did not
	 * record their end (SQLite's write lock timed out under the burst), the work itself was done.
	 */
	ranWithoutRecordedEnd: number;
	/** Deliveries sent again, as Stripe does, because the burst's answer was not a 2xx. */
	redeliveries: number;
	/** Events still not accepted after the redelivery rounds (Stripe would keep trying for 3 days). */
	refusedAfterRedelivery: number;
	/**
	 * Every event with more than one execution (run or not), with the answers its deliveries got (in
	 * order; 0: no answer in time) and its executions: what tells how the duplicate came about.
	 */
	startedTwice: Array<{
		eventId: string;
		position: number;
		answers: number[];
		executions: string[];
	}>;
	/**
	 * Executions of the burst that never reached the workflow's last node, with what n8n recorded of
	 * each.
	 */
	silent: SilentExecution[];
	/** Events with no run, each with the executions n8n recorded for it without running them. */
	withoutRun: Array<{ eventId: string; answers: number[]; records: string[] }>;
}
/** An execution that did not reach the workflow's last node, as n8n recorded it. */
export interface SilentExecution {
	executionId: string;
	status: string;
	/** The event the trigger handed to the workflow, read from the execution's stored data. */
	eventId?: string;
	lastNodeExecuted?: string;
	error?: string;
}
/**
 * What n8n recorded of an execution the sink never heard from, or undefined when n8n has no
 * execution of that id for the workflow.
 */
async function describeSilent(
	target: DeliveryTarget,
	executionId: string,
	eventIdPattern: RegExp,
): Promise<SilentExecution | undefined> {
	const record = await patiently(() => target.main.executionRecord(executionId));
	if (!record || String(record.workflowId) !== target.workflowId) return undefined;
	const silent: SilentExecution = { executionId, status: record.status };
	const stored = typeof record.data === 'string' ? record.data : '';
	silent.eventId = eventIdPattern.exec(stored)?.[0];
	try {
		const run = parseFlatted(stored) as N8nRunData;
		silent.lastNodeExecuted = run.resultData?.lastNodeExecuted;
		silent.error = run.resultData?.error?.message;
	} catch {
		silent.error = `(n8n stored no readable run data: ${stored.slice(0, 80)})`;
	}
	return silent;
}
/** The newest execution id n8n lists for the workflow (ids grow with every execution). */
async function newestExecutionId(target: DeliveryTarget): Promise<number> {
	const newest = await patiently(() => target.main.executionsOf(target.workflowId));
	return Math.max(0, ...newest.map(({ id }) => Number(id)));
}
/** Ids n8n may skip at the end of a burst (an insert rolled back still uses its id). */
const TRAILING_IDS = 50;
/** Rounds of redelivery after a burst, and deliveries in flight at once while redelivering. */
const REDELIVERY_ROUNDS = 5;
const REDELIVERY_CONCURRENCY = 4;
function percentile(sorted: number[], fraction: number): number {
	return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)] ?? 0;
}

/**
 * Sends `count` signed deliveries of distinct events to the receiving process, evenly spread over
 * `seconds` whatever the answers take (as Stripe does), then waits for every execution.
 */
export async function measureBurst(
	target: DeliveryTarget,
	count: number,
	seconds: number,
): Promise<BurstFigures> {
	const newEventId = eventIdMaker();
	const before = await settle(target, 0);
	const newestBefore = await newestExecutionId(target);
	const ids = Array.from({ length: count }, newEventId);
	const bodies = ids.map((id) => payoutFailedEvent(id, target.account, target.apiVersion));
	const intervalMs = (seconds * 1000) / count;
	const started = performance.now();
	const pending: Array<Promise<DeliveryAnswer>> = [];
	for (let index = 0; index < count; index++) {
		const due = started + index * intervalMs;
		const wait = due - performance.now();
		if (wait > 0) await new Promise((wake) => setTimeout(wake, wait));
		pending.push(postSignedDelivery(target.receiverUrl, target.secret, bodies[index]));
	}
	const answers = await Promise.all(pending);
	const answersOf = answers.map((answer) => [answer.status]);
	// Deliveries answered otherwise start nothing (Stripe delivers them again later).
	let quiet = await waitForQuiet(target, before + accepted(answers), 180_000);
	const allDoneSeconds = (performance.now() - started) / 1000 - (quiet.settled ? 1 : 180);
	// Stripe delivers again every event whose delivery was not answered 2xx (a 5xx, or no answer in
	// time), for up to three days. Those redeliveries, a few at a time as Stripe's retries spread
	// out, must start every event not yet started exactly once and the others not again.
	let unaccepted = ids.map((_, index) => index).filter((index) => !isAccepted(answers[index]));
	let redeliveries = 0;
	for (let round = 0; round < REDELIVERY_ROUNDS && unaccepted.length > 0; round++) {
		const refused: number[] = [];
		for (let from = 0; from < unaccepted.length; from += REDELIVERY_CONCURRENCY) {
			const batch = unaccepted.slice(from, from + REDELIVERY_CONCURRENCY);
			const again = await Promise.all(
				batch.map((index) => postSignedDelivery(target.receiverUrl, target.secret, bodies[index])),
			);
			redeliveries += batch.length;
			again.forEach((answer, position) => {
				answersOf[batch[position]].push(answer.status);
				if (!isAccepted(answer)) refused.push(batch[position]);
			});
		}
		quiet = await waitForQuiet(target, 0, 60_000);
		unaccepted = refused;
	}

	const figures: BurstFigures = {
		deliveries: count,
		seconds,
		answers: {},
		medianMs: 0,
		p99Ms: 0,
		maxMs: 0,
		executionsPerEvent: {},
		allDoneSeconds,
		executionsRecorded: quiet.total - before,
		unfinished: quiet.unfinished,
		redeliveries,
		refusedAfterRedelivery: unaccepted.length,
		startedTwice: [],
		silent: [],
		withoutRun: [],
		ranWithoutRecordedEnd: 0,
	};
	// The sink hears from every execution that ran the workflow to its last node. Every other id
	// since the burst began is read from n8n itself, one by one (its list pages by id but sorts by
	// start time, so paging can skip rows): which event each execution was for, what became of it.
	// Execution ids are per n8n instance and the sink serves several, so an id counts as heard only
	// when it reported one of this burst's events.
	const burstEvents = new Set(ids);
	const reportedBurstEvent = (executionId: string) =>
		burstEvents.has(target.sink.eventOf(executionId) ?? '');
	const heardIds = ids.flatMap((eventId) => target.sink.executionsOf(eventId)).map(Number);
	const newestAfter = Math.max(await newestExecutionId(target), ...heardIds);
	for (let id = newestBefore + 1; id <= newestAfter + TRAILING_IDS; id++) {
		if (reportedBurstEvent(String(id))) continue;
		const silent = await describeSilent(target, String(id), newEventId.pattern);
		if (silent) figures.silent.push(silent);
	}
	const unfinished = await patiently(() =>
		target.main.executionsIn(target.workflowId, UNFINISHED_STATUSES),
	);
	figures.ranWithoutRecordedEnd = unfinished.filter(
		({ id }) => Number(id) > newestBefore && reportedBurstEvent(id),
	).length;
	for (const answer of answers) tally(figures.answers, answer.status);
	const times = answers.map((answer) => answer.milliseconds).sort((a, b) => a - b);
	figures.medianMs = percentile(times, 0.5);
	figures.p99Ms = percentile(times, 0.99);
	figures.maxMs = times[times.length - 1] ?? 0;
	ids.forEach((eventId, position) => {
		const records = figures.silent.filter((silent) => silent.eventId === eventId);
		const runs = [
			...target.sink.executionsOf(eventId),
			...records.filter(ranTheWorkflow).map((silent) => silent.executionId),
		];
		tally(figures.executionsPerEvent, runs.length);
		const notRun = records.filter((silent) => !ranTheWorkflow(silent));
		const executions = [...runs, ...notRun.map((silent) => silent.executionId)];
		if (executions.length > 1) {
			figures.startedTwice.push({ eventId, position, answers: answersOf[position], executions });
		}
		if (runs.length === 0) {
			const records = notRun.map((silent) => silent.executionId);
			figures.withoutRun.push({ eventId, answers: answersOf[position], records });
		}
	});
	return figures;
}

/** Whether a silent execution ran the workflow: n8n ended it after a node ran. */
function ranTheWorkflow(silent: SilentExecution): boolean {
	return (
		!UNFINISHED_STATUSES.includes(silent.status) &&
		silent.eventId !== undefined &&
		silent.lastNodeExecuted !== undefined
	);
}
