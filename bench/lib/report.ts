/**
 * The benchmark's figures and how they are printed: one table per scenario (figure, value, the bound
 * or baseline it is measured against, their ratio, the target) and a closing list of targets.
 */
import os from 'node:os';

/** Units a figure can be in; the table formats each one. */
export type Unit =
	| 'calls'
	| 'calls/s'
	| 'count'
	| 'ms'
	| 's'
	| 'MB'
	| 'KB'
	| 'items/s'
	| 'µs'
	| 'bytes/item';

/** What a figure is compared with, measured in the same run. */
export interface Reference {
	/** How the reference was obtained, e.g. "minimum the data requires" or "one request at a time". */
	name: string;
	value: number;
}

/** A target from issue 9 applied to one figure. */
export interface TargetCheck {
	/** The target as the issue states it, e.g. "≤ 1.02 × minimum". */
	description: string;
	holds: boolean;
	/**
	 * Set on a target the project decided not to meet: where the decision and its measurements are
	 * written down. The miss is still printed as missed, with the reference; it does not fail the run.
	 */
	missDecided?: string;
}

/** One measured figure. */
export interface Figure {
	name: string;
	value: number;
	unit: Unit;
	reference?: Reference;
	/** value ÷ reference.value, or a speed-up when `ratioLabel` says so. */
	ratio?: number;
	ratioLabel?: string;
	target?: TargetCheck;
	note?: string;
}

/** Everything one scenario measured. */
export interface ScenarioReport {
	id: string;
	title: string;
	/** The setup in one line: data size, sandbox latency and rate limit, job settings. */
	setup: string;
	figures: Figure[];
	/** How a figure was obtained when that is not obvious (extrapolation, what memory means). */
	notes: string[];
	durationMs: number;
	/** Set when the scenario could not run to the end; its figures are then partial. */
	error?: string;
}

/** The whole run as `--json` writes it. */
export interface BenchmarkReport {
	command: string;
	startedAt: string;
	durationMs: number;
	machine: {
		node: string;
		cpus: number;
		cpuModel: string;
		loadAverage: number[];
		totalMemoryMB: number;
	};
	scenarios: ScenarioReport[];
	targets: Array<TargetCheck & { scenario: string; figure: string }>;
	/** Every target holds, or its miss is a recorded decision (`missDecided`), and every scenario ran. */
	allTargetsHold: boolean;
}

/** A figure compared with its reference, with the ratio value ÷ reference. */
export function compared(
	name: string,
	value: number,
	unit: Unit,
	reference: Reference,
	target?: { description: string; maxRatio: number; missDecided?: string },
): Figure {
	const ratio = reference.value === 0 ? Number.POSITIVE_INFINITY : value / reference.value;
	return {
		name,
		value,
		unit,
		reference,
		ratio,
		...(target
			? {
					target: {
						description: target.description,
						holds: ratio <= target.maxRatio,
						...(target.missDecided ? { missDecided: target.missDecided } : {}),
					},
				}
			: {}),
	};
}

/** A figure with no reference. */
export function plain(
	name: string,
	value: number,
	unit: Unit,
	extra: Partial<Figure> = {},
): Figure {
	return { name, value, unit, ...extra };
}

/** The machine the figures were measured on. */
export function describeMachine(): BenchmarkReport['machine'] {
	const cpus = os.cpus();
	return {
		node: process.version,
		cpus: cpus.length,
		cpuModel: cpus[0]?.model ?? 'unknown',
		loadAverage: os.loadavg().map((load) => Math.round(load * 100) / 100),
		totalMemoryMB: Math.round(os.totalmem() / 2 ** 20),
	};
}

/** Builds the report of a run and its list of targets. */
export function buildReport(
	command: string,
	startedAt: Date,
	durationMs: number,
	machine: BenchmarkReport['machine'],
	scenarios: ScenarioReport[],
): BenchmarkReport {
	const targets = scenarios.flatMap((scenario) =>
		scenario.figures
			.filter((figure): figure is Figure & { target: TargetCheck } => figure.target !== undefined)
			.map((figure) => ({ scenario: scenario.id, figure: figure.name, ...figure.target })),
	);
	return {
		command,
		startedAt: startedAt.toISOString(),
		durationMs: Math.round(durationMs),
		machine,
		scenarios,
		targets,
		allTargetsHold:
			targets.every((target) => target.holds || target.missDecided !== undefined) &&
			scenarios.every((s) => !s.error),
	};
}

/** A number with the precision its unit deserves. */
export function formatValue(value: number, unit: Unit): string {
	if (!Number.isFinite(value)) return String(value);
	switch (unit) {
		case 'calls':
		case 'count':
			return `${Math.round(value).toLocaleString('en-US')}${unit === 'calls' ? ' calls' : ''}`;
		case 'ms':
			return value >= 100
				? `${Math.round(value).toLocaleString('en-US')} ms`
				: `${value.toFixed(1)} ms`;
		case 's':
			return `${value.toFixed(2)} s`;
		case 'calls/s':
			return `${value.toFixed(1)} calls/s`;
		case 'MB':
		case 'KB':
			return `${value.toFixed(1)} ${unit}`;
		case 'items/s':
			return `${Math.round(value).toLocaleString('en-US')} items/s`;
		case 'µs':
			return `${value.toFixed(value >= 100 ? 0 : 1)} µs`;
		case 'bytes/item':
			return `${Math.round(value).toLocaleString('en-US')} B/item`;
	}
}

function targetState(target: TargetCheck): string {
	if (target.holds) return 'holds';
	return target.missDecided ? 'MISSED (decided)' : 'MISSED';
}

function formatRatio(figure: Figure): string {
	if (figure.ratio === undefined) return '';
	const ratio = `${figure.ratio.toFixed(figure.ratio >= 10 ? 1 : 3)}×`;
	return figure.ratioLabel ? `${ratio} ${figure.ratioLabel}` : ratio;
}

function renderTable(rows: string[][]): string[] {
	const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
	const line = (row: string[]) =>
		row
			.map((cell, column) => cell.padEnd(widths[column]))
			.join(' │ ')
			.trimEnd();
	const rule = widths.map((width) => '─'.repeat(width)).join('─┼─');
	return [line(rows[0]), rule, ...rows.slice(1).map(line)];
}

/** The human-readable report: one table per scenario, then every target and whether it holds. */
export function formatReport(report: BenchmarkReport): string {
	const out: string[] = [];
	const { machine } = report;
	out.push(
		`Benchmarks (${report.command}) — ${report.startedAt}, Node ${machine.node}, ${machine.cpus} × ${machine.cpuModel}, load ${machine.loadAverage.join(' ')}`,
		'',
	);
	for (const scenario of report.scenarios) {
		out.push(`■ ${scenario.title}  [${scenario.id}, ${(scenario.durationMs / 1000).toFixed(1)} s]`);
		out.push(`  ${scenario.setup}`);
		if (scenario.figures.length > 0) {
			const rows = [
				['Figure', 'Value', 'Bound / baseline', 'Ratio', 'Target'],
				...scenario.figures.map((figure) => [
					figure.name,
					formatValue(figure.value, figure.unit),
					figure.reference
						? `${formatValue(figure.reference.value, figure.unit)} (${figure.reference.name})`
						: '',
					formatRatio(figure),
					figure.target ? `${targetState(figure.target)}: ${figure.target.description}` : '',
				]),
			];
			out.push(...renderTable(rows).map((row) => `  ${row}`));
		}
		for (const figure of scenario.figures.filter((f) => f.note)) {
			out.push(`  · ${figure.name}: ${figure.note}`);
		}
		for (const note of scenario.notes) out.push(`  · ${note}`);
		if (scenario.error) out.push(`  ✘ did not complete: ${scenario.error}`);
		out.push('');
	}
	out.push('Targets');
	if (report.targets.length === 0) out.push('  (no target was measured)');
	for (const target of report.targets) {
		const mark = target.holds ? '✔ holds ' : `✘ ${targetState(target)}`;
		out.push(`  ${mark}  ${target.scenario} · ${target.figure}: ${target.description}`);
		if (!target.holds && target.missDecided) out.push(`      the decision: ${target.missDecided}`);
	}
	for (const scenario of report.scenarios.filter((s) => s.error)) {
		out.push(`  ✘ ERROR   ${scenario.id}: the scenario did not complete`);
	}
	const decided = report.targets.filter((target) => !target.holds && target.missDecided).length;
	const verdict = !report.allTargetsHold
		? 'Not every target holds'
		: decided > 0
			? `Every target holds but ${decided} missed by a recorded decision`
			: 'Every target holds';
	out.push('', `${verdict} — total ${(report.durationMs / 1000).toFixed(1)} s.`);
	return out.join('\n');
}
