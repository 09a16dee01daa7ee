/**
 * What the delivery measurements say: the burst's account of every event (what the trigger decided,
 * what n8n did after it) and the tables the e2e suite prints. deliveryMeasurements.ts measures.
 */
import { UNFINISHED_STATUSES } from '../../scripts/lib/n8nRestApi';
import { DUPLICATE_SCENARIOS } from './deliveryMeasurements';
import type { BurstFigures, SilentExecution } from './burstMeasurement';
import type { DuplicateScenario, ScenarioFigures } from './deliveryMeasurements';

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
