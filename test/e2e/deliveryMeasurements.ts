/**
 * Measures what concurrent Stripe deliveries do to a running n8n with the counter workflow published
 * (Stripe Connect Trigger → report each execution to the sink): how many executions the same event
 * delivered twice at the same moment starts, which ids concurrent deliveries lose from the trigger's
 * stored seen-ids, and a burst of distinct events with its answer times. The figures are whatever the
 * trigger's de-duplication design produces; callers assert only what must hold.
 */
import { randomBytes } from 'node:crypto';

import type { LocalN8n } from '../../scripts/lib/localN8n';
import { UNFINISHED_STATUSES } from '../../scripts/lib/n8nRestApi';
import { parseFlatted } from '../../scripts/lib/n8nRunData';
import type { N8nRunData } from '../../scripts/lib/n8nRunData';
import { payoutFailedEvent, postSignedDelivery } from './stripeDeliveries';
import type { DeliveryAnswer, ExecutionSink } from './stripeDeliveries';

/** One topology the deliveries are measured on. */
export interface DeliveryTarget {
	label: string;
	/** The trigger's production webhook URL at the process Stripe delivers to. */
	receiverUrl: string;
	/** The same URL at the main, when the main is another process (queue mode). */
	mainUrl?: string;
	/** The endpoint's signing secret. */
	secret: string;
	/** The connected account the events belong to. */
	account: string;
	apiVersion: string;
	/** The main: n8n's execution counts and the workflow's stored static data. */
	main: LocalN8n;
	workflowId: string;
	sink: ExecutionSink;
}

/** The duplicate-delivery scenarios, in the order they run and print. */
export const DUPLICATE_SCENARIOS = {
	sameEventTwiceAtReceiver: 'same event twice at the same moment → the receiving process',
	sameEventAtReceiverAndMain: 'same event twice at the same moment → webhook processor + main',
	twoEventsAtOnce: 'two different events at the same moment',
	redeliveredOnceAnswered: 'same event again as soon as the first delivery is answered',
	redeliveredOnceProcessed: 'same event again after the first one ran (asserted: 1 execution)',
} as const;

/** A scenario's name. */
export type DuplicateScenario = keyof typeof DUPLICATE_SCENARIOS;

/** What one scenario produced over its rounds. */
export interface ScenarioFigures {
	rounds: number;
	/** Executions started per event → how many events. */
	executionsPerEvent: Record<number, number>;
	/** Rounds in which some event started more than one execution. */
	roundsWithDuplicates: number;
	/** Answers by HTTP status (0: no answer). */
	answers: Record<number, number>;
	/** two events at once: ids answered 200 but missing from the stored static data afterwards. */
	idsLost?: number;
	/** two events at once: executions started when Stripe later retries both events, one at a time. */
	startedByLaterRetry?: number;
	/** Events that started no execution at all. */
	eventsDropped: number;
}

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

function tally(record: Record<number, number>, key: number): void {
	record[key] = (record[key] ?? 0) + 1;
}

/** Event ids unique to this run and target, and the pattern that finds them in stored data. */
function eventIdMaker(): (() => string) & { pattern: RegExp } {
	const tag = randomBytes(4).toString('hex');
	let next = 0;
	const make = () => `evt_${tag}${String(next++).padStart(5, '0')}`;
	return Object.assign(make, { pattern: new RegExp(`evt_${tag}\\d{5}`) });
}

/** Asks the main again while it answers 503 under load, for up to a minute. */
async function patiently<T>(ask: () => Promise<T>): Promise<T> {
	const deadline = Date.now() + 60_000;
	for (;;) {
		try {
			return await ask();
		} catch (error) {
			if (Date.now() >= deadline) throw error;
			await new Promise((wake) => setTimeout(wake, 1_000));
		}
	}
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

/** Where the workflow's executions stand once `waitForQuiet` returns. */
interface Quiet {
	total: number;
	unfinished: number;
	/** False when the executions stopped changing before reaching `atLeast` or finishing. */
	settled: boolean;
}

/**
 * Waits until n8n has finished every execution of the workflow, has at least `atLeast` of them, and
 * neither its count nor the sink's changed for a second. Gives up when nothing at all changed for
 * `noProgressMs` (an execution that never runs, or deliveries that started none).
 */
async function waitForQuiet(
	target: DeliveryTarget,
	atLeast: number,
	noProgressMs = 120_000,
): Promise<Quiet> {
	let last = { total: -1, unfinished: -1, sink: -1 };
	let changedAt = Date.now();
	for (;;) {
		let counts: { total: number; unfinished: number };
		try {
			counts = await target.main.executionCounts(target.workflowId);
		} catch {
			// The main answers 503 while its database health check fails under load; ask again.
			if (Date.now() - changedAt >= noProgressMs) {
				return { total: last.total, unfinished: last.unfinished, settled: false };
			}
			await new Promise((wake) => setTimeout(wake, 1_000));
			continue;
		}
		const { total, unfinished } = counts;
		const now = { total, unfinished, sink: target.sink.total() };
		const changed =
			now.total !== last.total || now.unfinished !== last.unfinished || now.sink !== last.sink;
		if (changed) changedAt = Date.now();
		const quietFor = Date.now() - changedAt;
		if (unfinished === 0 && total >= atLeast && quietFor >= 1_000) {
			return { total, unfinished, settled: true };
		}
		if (quietFor >= noProgressMs) return { total, unfinished, settled: false };
		last = now;
		await new Promise((wake) => setTimeout(wake, 250));
	}
}

/** `waitForQuiet` that fails loudly: the duplicate scenarios need every execution counted. */
async function settle(target: DeliveryTarget, atLeast: number): Promise<number> {
	const quiet = await waitForQuiet(target, atLeast);
	if (!quiet.settled) {
		throw new Error(
			`${target.label}: executions stopped changing at ${quiet.total} (${quiet.unfinished} unfinished), expected at least ${atLeast}`,
		);
	}
	return quiet.total;
}

/** How many answers accepted the delivery. */
/** Rounds of redelivery after a burst, and deliveries in flight at once while redelivering. */
const REDELIVERY_ROUNDS = 5;
const REDELIVERY_CONCURRENCY = 4;

function isAccepted(answer: DeliveryAnswer): boolean {
	return answer.status >= 200 && answer.status < 300;
}

function accepted(answers: DeliveryAnswer[]): number {
	return answers.filter(isAccepted).length;
}

/** The workflow's static data as n8n stored it, serialised (where the trigger keeps seen ids). */
async function storedStaticData(target: DeliveryTarget): Promise<string> {
	const workflow = await target.main.rest<{ staticData?: unknown }>(
		'GET',
		`/workflows/${target.workflowId}`,
	);
	return JSON.stringify(workflow.staticData ?? null);
}

/** Runs every duplicate-delivery scenario `rounds` times on one target. */
export async function measureDuplicateDeliveries(
	target: DeliveryTarget,
	rounds: number,
): Promise<Partial<Record<DuplicateScenario, ScenarioFigures>>> {
	const newEventId = eventIdMaker();
	const bodyOf = (id: string) => payoutFailedEvent(id, target.account, target.apiVersion);
	const send = (url: string, id: string) => postSignedDelivery(url, target.secret, bodyOf(id));
	let executions = await settle(target, 0);

	const figures: Partial<Record<DuplicateScenario, ScenarioFigures>> = {};
	const executionsOf = (ids: string[]) => ids.map((id) => target.sink.executionsOf(id).length);
	const record = (
		scenario: DuplicateScenario,
		counts: number[],
		answers: DeliveryAnswer[],
		extra: Partial<ScenarioFigures> = {},
	) => {
		const entry = (figures[scenario] ??= {
			rounds: 0,
			executionsPerEvent: {},
			roundsWithDuplicates: 0,
			answers: {},
			eventsDropped: 0,
		});
		entry.rounds += 1;
		for (const answer of answers) tally(entry.answers, answer.status);
		for (const count of counts) tally(entry.executionsPerEvent, count);
		if (counts.some((count) => count > 1)) entry.roundsWithDuplicates += 1;
		entry.eventsDropped += counts.filter((count) => count === 0).length;
		for (const key of ['idsLost', 'startedByLaterRetry'] as const) {
			if (extra[key] !== undefined) entry[key] = (entry[key] ?? 0) + extra[key];
		}
	};

	for (let round = 0; round < rounds; round++) {
		{
			const id = newEventId();
			const answers = await Promise.all([
				send(target.receiverUrl, id),
				send(target.receiverUrl, id),
			]);
			executions = await settle(target, executions + 1);
			record('sameEventTwiceAtReceiver', executionsOf([id]), answers);
		}
		if (target.mainUrl) {
			const id = newEventId();
			const answers = await Promise.all([send(target.receiverUrl, id), send(target.mainUrl, id)]);
			executions = await settle(target, executions + Math.min(1, accepted(answers)));
			record('sameEventAtReceiverAndMain', executionsOf([id]), answers);
		}
		{
			const ids = [newEventId(), newEventId()];
			const answers = await Promise.all(ids.map((id) => send(target.receiverUrl, id)));
			executions = await settle(target, executions + accepted(answers));
			const stored = await storedStaticData(target);
			const answeredOk = ids.filter((_, index) => answers[index].status === 200);
			const idsLost = answeredOk.filter((id) => !stored.includes(id)).length;
			const counts = executionsOf(ids);
			// Stripe retries later, one delivery at a time: an id that was lost starts a second run.
			const before = executions;
			for (const id of ids) answers.push(await send(target.receiverUrl, id));
			executions = await settle(target, executions);
			record('twoEventsAtOnce', counts, answers, {
				idsLost,
				startedByLaterRetry: executions - before,
			});
		}
		{
			const id = newEventId();
			const answers = [await send(target.receiverUrl, id)];
			answers.push(await send(target.receiverUrl, id));
			executions = await settle(target, executions + Math.min(1, accepted(answers)));
			record('redeliveredOnceAnswered', executionsOf([id]), answers);
		}
		{
			const id = newEventId();
			const answers = [await send(target.receiverUrl, id)];
			executions = await settle(target, executions + accepted(answers));
			answers.push(await send(target.receiverUrl, id));
			executions = await settle(target, executions);
			record('redeliveredOnceProcessed', executionsOf([id]), answers);
		}
	}
	return figures;
}

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

/** A burst's outcome per event, split into what the trigger decides and what n8n did after it. */
export interface BurstAccount {
	/** Events the workflow ran for more than once: the trigger's de-duplication failed. */
	ranMoreThanOnce: number;
	/** Events the workflow never ran for. */
	eventsWithoutRun: number;
	/** Of those, events n8n recorded an execution for (with the event) and never ran. */
	recordedNotRun: number;
	/**
	 * Executions n8n failed before the workflow ran and whose data no longer holds the event (queue
	 * mode: the job failed and n8n stored the failure in place of the execution's data,
	 * workflow-runner.js `processError`), each with the reason n8n recorded.
	 */
	failedWithoutEvent: SilentExecution[];
	/**
	 * Events without a run that no n8n record accounts for: handed to nobody, or dropped by the
	 * trigger. Must be 0.
	 */
	unexplained: number;
}

export function accountFor(figures: BurstFigures): BurstAccount {
	const eventsWithoutRun = figures.withoutRun.length;
	const recordedNotRun = figures.withoutRun.filter((event) => event.records.length > 0).length;
	const failedWithoutEvent = figures.silent.filter(
		(silent) => !UNFINISHED_STATUSES.includes(silent.status) && silent.eventId === undefined,
	);
	return {
		ranMoreThanOnce: Object.entries(figures.executionsPerEvent)
			.filter(([runs]) => Number(runs) > 1)
			.reduce((sum, [, events]) => sum + events, 0),
		eventsWithoutRun,
		recordedNotRun,
		failedWithoutEvent,
		// An id-less failure may also belong to an event that ran after Stripe's retry (n8n answered
		// 5xx), so it explains at most one event without a run, never more.
		unexplained: Math.max(0, eventsWithoutRun - recordedNotRun - failedWithoutEvent.length),
	};
}

/** `{1: 9, 2: 1}` → "1×: 9, 2×: 1". */
function histogram(record: Record<number, number>, suffix = '×'): string {
	return Object.entries(record)
		.sort(([a], [b]) => Number(a) - Number(b))
		.map(([key, value]) => `${key}${suffix}: ${value}`)
		.join(', ');
}

function table(rows: string[][]): string {
	const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
	return rows
		.map((row) => row.map((cell, column) => cell.padEnd(widths[column])).join('  '))
		.join('\n');
}

/** The duplicate-delivery figures of each target side by side. */
export function formatDuplicateFigures(
	results: Array<{ label: string; figures: Partial<Record<DuplicateScenario, ScenarioFigures>> }>,
): string {
	const rows = [['', ...results.map((result) => result.label)]];
	for (const [scenario, description] of Object.entries(DUPLICATE_SCENARIOS)) {
		const cells = results.map(({ figures }) => figures[scenario as DuplicateScenario]);
		if (cells.every((cell) => cell === undefined)) continue;
		const show = (render: (cell: ScenarioFigures) => string) =>
			cells.map((cell) => (cell ? render(cell) : 'n/a'));
		rows.push([description, ...show((cell) => `${cell.rounds} rounds`)]);
		rows.push([
			'  executions per event (events)',
			...show((cell) => histogram(cell.executionsPerEvent)),
		]);
		rows.push([
			'  rounds with a duplicate execution',
			...show((cell) => String(cell.roundsWithDuplicates)),
		]);
		if (cells.some((cell) => cell?.idsLost !== undefined)) {
			rows.push([
				'  ids lost from the stored seen-ids',
				...show((cell) => `${cell.idsLost ?? 0} of ${2 * cell.rounds}`),
			]);
			rows.push([
				"  executions started by Stripe's later retry of both",
				...show((cell) => String(cell.startedByLaterRetry ?? 0)),
			]);
		}
		rows.push(['  answers (status: count)', ...show((cell) => histogram(cell.answers, ''))]);
	}
	return table(rows);
}

/** The burst figures of each target side by side. */
export function formatBurstFigures(
	results: Array<{ label: string; figures: BurstFigures }>,
): string {
	const rows = [['', ...results.map((result) => result.label)]];
	const add = (name: string, render: (figures: BurstFigures) => string) =>
		rows.push([name, ...results.map(({ figures }) => render(figures))]);
	add(
		'deliveries (distinct events)',
		(figures) => `${figures.deliveries} over ${figures.seconds} s`,
	);
	add('answers (status: count)', (figures) => histogram(figures.answers, ''));
	add(
		'answer time median / p99 / max',
		(figures) =>
			[figures.medianMs, figures.p99Ms, figures.maxMs].map((ms) => ms.toFixed(0)).join(' / ') +
			' ms',
	);
	add(
		"redeliveries of what was not answered 2xx (as Stripe's retries)",
		(figures) =>
			`${figures.redeliveries}; still refused after them: ${figures.refusedAfterRedelivery}`,
	);
	add('workflow runs per event after redelivery (events)', (figures) =>
		histogram(figures.executionsPerEvent),
	);
	add('executions n8n recorded', (figures) => String(figures.executionsRecorded));
	add('every execution finished after', (figures) =>
		figures.unfinished === 0
			? `${figures.allDoneSeconds.toFixed(0)} s`
			: `${figures.unfinished} left unfinished by n8n, ${figures.ranWithoutRecordedEnd} of them ran to the last node`,
	);
	add(
		'events without a run: n8n recorded, never ran / failed, event gone / unexplained',
		(figures) => {
			const account = accountFor(figures);
			return `${account.recordedNotRun} / ${account.failedWithoutEvent.length} / ${account.unexplained}`;
		},
	);
	add('executions that never reached the last node (status: count)', (figures) =>
		figures.silent.length === 0
			? '0'
			: Object.entries(
					figures.silent.reduce<Record<string, number>>((byStatus, { status }) => {
						byStatus[status] = (byStatus[status] ?? 0) + 1;
						return byStatus;
					}, {}),
				)
					.map(([status, count]) => `${status}: ${count}`)
					.join(', '),
	);
	const silent = results.flatMap(({ label, figures }) =>
		figures.silent
			.slice(0, 20)
			.map(
				(execution) =>
					`${label}: execution ${execution.executionId} ${execution.status}, event ${execution.eventId ?? '(none in its data)'}, last node ${execution.lastNodeExecuted ?? '(none)'}${execution.error ? `: ${execution.error}` : ''}`,
			),
	);
	const startedTwice = results.flatMap(({ label, figures }) =>
		figures.startedTwice.map(
			(event) =>
				`${label}: ${event.eventId} (delivery ${event.position + 1}) answered ${event.answers.join(' → ')}; executions ${event.executions.join(', ')}`,
		),
	);
	const withoutRun = results.flatMap(({ label, figures }) =>
		figures.withoutRun
			.slice(0, 20)
			.map(
				(event) =>
					`${label}: ${event.eventId} never ran, answered ${event.answers.join(' → ')}; n8n records ${event.records.join(', ') || '(none with the event)'}`,
			),
	);
	return [table(rows), ...startedTwice, ...withoutRun, ...silent].join('\n');
}
