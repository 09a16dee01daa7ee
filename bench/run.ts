/**
 * `npm run bench`: runs the scenarios of issue 9 against the Stripe sandbox, prints one table per
 * scenario with every figure beside its bound or baseline, and whether each target holds.
 *
 *   npm run bench                         all scenarios, table on stdout
 *   npm run bench -- --json               the report as JSON on stdout (table and progress on stderr)
 *   npm run bench -- --json out.json      the table on stdout and the JSON in out.json
 *   npm run bench -- --only reconciliation,tips   some scenarios only (repeatable)
 *   npm run bench -- --list               the scenario ids
 *
 * Exit code 0 when every scenario ran and every target holds, 1 otherwise, 2 on a usage error.
 */
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

import { buildReport, describeMachine, formatReport, type ScenarioReport } from './lib/report';
import type { Scenario, ScenarioOutcome } from './lib/scenario';
import { scenarios } from './scenarios';

interface Options {
	only: string[] | undefined;
	/** undefined: no JSON; '-': JSON on stdout; otherwise a file path. */
	json: string | undefined;
	list: boolean;
}

class UsageError extends Error {}

function parseArguments(argv: string[]): Options {
	const options: Options = { only: undefined, json: undefined, list: false };
	for (let index = 0; index < argv.length; index++) {
		const argument = argv[index];
		const [flag, inlineValue] = argument.split(/=(.*)/s, 2);
		const next = () => {
			if (inlineValue !== undefined) return inlineValue;
			const value = argv[index + 1];
			if (value === undefined || value.startsWith('--')) {
				throw new UsageError(`${flag} needs a value`);
			}
			index++;
			return value;
		};
		if (flag === '--only') {
			const ids = next()
				.split(',')
				.map((id) => id.trim())
				.filter(Boolean);
			options.only = [...(options.only ?? []), ...ids];
		} else if (flag === '--json') {
			const value = inlineValue ?? argv[index + 1];
			if (value !== undefined && !value.startsWith('--')) {
				options.json = value;
				if (inlineValue === undefined) index++;
			} else {
				options.json = '-';
			}
		} else if (flag === '--list') {
			options.list = true;
		} else {
			throw new UsageError(`unknown argument ${argument}`);
		}
	}
	const known = new Set(scenarios.map((scenario) => scenario.id));
	const unknown = options.only?.filter((id) => !known.has(id)) ?? [];
	if (unknown.length > 0) {
		throw new UsageError(
			`--only: unknown scenario ${unknown.join(', ')}; the scenarios are ${[...known].join(', ')}`,
		);
	}
	return options;
}

async function runScenario(
	scenario: Scenario,
	log: (message: string) => void,
): Promise<ScenarioReport> {
	const outcome: ScenarioOutcome = { setup: '', figures: [], notes: [] };
	const startedAt = performance.now();
	let error: string | undefined;
	log(`▶ ${scenario.id}: ${scenario.title}`);
	try {
		await scenario.run({ log: (message) => log(`  ${scenario.id}: ${message}`), outcome });
	} catch (caught) {
		error = caught instanceof Error ? (caught.stack ?? caught.message) : String(caught);
		log(`  ${scenario.id}: failed: ${error}`);
	}
	return {
		id: scenario.id,
		title: scenario.title,
		...outcome,
		durationMs: Math.round(performance.now() - startedAt),
		...(error !== undefined ? { error: error.split('\n')[0] } : {}),
	};
}

async function main(): Promise<number> {
	// The AWS SDK's Node 20 end-of-support notice would interleave with the progress lines.
	process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
	let options: Options;
	try {
		options = parseArguments(process.argv.slice(2));
	} catch (error) {
		if (!(error instanceof UsageError)) throw error;
		console.error(`npm run bench: ${error.message}`);
		return 2;
	}
	if (options.list) {
		for (const scenario of scenarios) console.log(`${scenario.id.padEnd(16)} ${scenario.title}`);
		return 0;
	}
	const selected = scenarios.filter((scenario) => options.only?.includes(scenario.id) ?? true);
	const log = (message: string) => console.error(message);
	const startedAt = new Date();
	const machine = describeMachine();
	const started = performance.now();
	const reports: ScenarioReport[] = [];
	for (const scenario of selected) reports.push(await runScenario(scenario, log));
	const command = [
		'npm run bench',
		...(process.argv.length > 2 ? ['--', ...process.argv.slice(2)] : []),
	].join(' ');
	const report = buildReport(command, startedAt, performance.now() - started, machine, reports);
	const table = formatReport(report);
	if (options.json === '-') {
		console.error(`\n${table}`);
		console.log(JSON.stringify(report, null, '\t'));
	} else {
		console.log(`\n${table}`);
		if (options.json !== undefined) {
			writeFileSync(options.json, `${JSON.stringify(report, null, '\t')}\n`);
			console.log(`\nJSON written to ${options.json}`);
		}
	}
	return report.allTargetsHold ? 0 : 1;
}

main().then(
	(code) => {
		process.exitCode = code;
	},
	(error: unknown) => {
		console.error(error);
		process.exitCode = 1;
	},
);
