/**
 * Measures what concurrent Stripe deliveries do to a running n8n with the counter workflow published
 * (Stripe Connect Trigger → report each execution to the sink): how many executions the same event
 * delivered twice at the same moment starts, which ids concurrent deliveries lose from the trigger's
 * stored seen-ids (the burst of distinct events is burstMeasurement.ts, built on the helpers here).
 * The figures are whatever the trigger's de-duplication design produces; callers assert only what
 * must hold.
 */
import { randomBytes } from 'node:crypto';

import type { LocalN8n } from '../../scripts/lib/localN8n';
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

export function tally(record: Record<number, number>, key: number): void {
	record[key] = (record[key] ?? 0) + 1;
}

/** Event ids unique to this run and target, and the pattern that finds them in stored data. */
export function eventIdMaker(): (() => string) & { pattern: RegExp } {
	const tag = randomBytes(4).toString('hex');
	let next = 0;
	const make = () => `evt_${tag}${String(next++).padStart(5, '0')}`;
	return Object.assign(make, { pattern: new RegExp(`evt_${tag}\\d{5}`) });
}

/** Asks the main again while it answers 503 under load, for up to a minute. */
export async function patiently<T>(ask: () => Promise<T>): Promise<T> {
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

/** Where the workflow's executions stand once `waitForQuiet` returns. */
export interface Quiet {
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
export async function waitForQuiet(
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
export async function settle(target: DeliveryTarget, atLeast: number): Promise<number> {
	const quiet = await waitForQuiet(target, atLeast);
	if (!quiet.settled) {
		throw new Error(
			`${target.label}: executions stopped changing at ${quiet.total} (${quiet.unfinished} unfinished), expected at least ${atLeast}`,
		);
	}
	return quiet.total;
}

/** Whether Stripe would count the answer as delivered (any 2xx). */
export function isAccepted(answer: DeliveryAnswer): boolean {
	return answer.status >= 200 && answer.status < 300;
}

/** How many answers accepted the delivery. */
export function accepted(answers: DeliveryAnswer[]): number {
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
