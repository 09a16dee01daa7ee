/**
 * Scenario 5: each Lambda function's bundle, built with esbuild exactly as serverless.yml configures
 * serverless-esbuild (read from `serverless print`), its minified size, and its cold import time:
 * a fresh `node` process per measurement, several runs, median.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

import { build, type BuildOptions, type Metafile } from 'esbuild';

import { plain } from '../lib/report';
import type { Scenario } from '../lib/scenario';
import { median } from '../lib/statistics';

const run = promisify(execFile);
const repositoryRoot = resolve(__dirname, '../..');
const outputRoot = join(repositoryRoot, '.bench', 'bundles');

const MAX_BUNDLE_KB = 450;
const MAX_COLD_IMPORT_MS = 150;
const COLD_IMPORT_RUNS = 9;

/** serverless-esbuild options that are the plugin's own, not esbuild's (it strips the same list). */
const PLUGIN_ONLY_OPTIONS = new Set([
	'concurrency',
	'zipConcurrency',
	'exclude',
	'nativeZip',
	'packager',
	'packagePath',
	'watch',
	'keepOutputDirectory',
	'packagerOptions',
	'installExtraArgs',
	'outputFileExtension',
	'outputBuildFolder',
	'outputWorkFolder',
	'nodeExternals',
	'skipBuild',
	'skipRebuild',
	'skipBuildExcludeFns',
	'stripEntryResolveExtensions',
	'disposeContext',
]);

interface PrintedService {
	provider: {
		runtime: string;
		architecture?: string;
		memorySize?: number;
		environment?: Record<string, unknown>;
	};
	functions: Record<string, { handler: string; environment?: Record<string, unknown> }>;
	custom: { esbuild: Record<string, unknown> };
}

/** The resolved serverless.yml, as the framework sees it (offline; no credentials needed). */
async function printServerlessConfig(): Promise<PrintedService> {
	const { stdout } = await run(
		join(repositoryRoot, 'node_modules', '.bin', 'serverless'),
		['print', '--format', 'json'],
		{ cwd: repositoryRoot, timeout: 120_000, maxBuffer: 64 * 2 ** 20 },
	);
	return JSON.parse(stdout) as PrintedService;
}

/** esbuild options equivalent to what serverless-esbuild derives from `custom.esbuild`. */
function esbuildOptionsOf(custom: Record<string, unknown>): BuildOptions {
	const options = Object.fromEntries(
		Object.entries(custom).filter(([key]) => !PLUGIN_ONLY_OPTIONS.has(key)),
	) as BuildOptions;
	const exclude = Array.isArray(custom.exclude) ? (custom.exclude as string[]) : ['aws-sdk'];
	return {
		...options,
		external: [...(options.external ?? []), ...(exclude.includes('*') ? [] : exclude)],
	};
}

/** Environment values as strings; CloudFormation expressions (resolved only in AWS) become a placeholder. */
function stringEnvironment(
	...sources: Array<Record<string, unknown> | undefined>
): Record<string, string> {
	const environment: Record<string, string> = {};
	for (const source of sources) {
		for (const [name, value] of Object.entries(source ?? {})) {
			environment[name] =
				typeof value === 'string' ? value : `bench-placeholder-${name.toLowerCase()}`;
		}
	}
	return environment;
}

function describeOptions(options: BuildOptions): string {
	const flags = [
		options.format,
		options.platform,
		options.target,
		options.minify ? 'minified' : 'not minified',
	];
	return `${flags.join(', ')}, external ${(options.external ?? []).join(' ')}`;
}

/** Runs a script in a fresh process with the function's environment; returns what it printed. */
async function runFresh(script: string, environment: Record<string, string>): Promise<string> {
	const { stdout } = await run(process.execPath, ['-e', script], {
		cwd: repositoryRoot,
		// A clean environment as in Lambda: only what serverless.yml sets, plus PATH.
		env: {
			PATH: process.env.PATH ?? '',
			AWS_REGION: 'eu-west-1',
			// Lambda's Node 24 never prints the SDK's Node 20 notice; it is not part of an import here either.
			AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
			...environment,
		},
		timeout: 60_000,
	});
	return stdout;
}

/** Milliseconds to `require` some modules in a fresh process (module-scope initialisation included). */
async function coldImportMs(
	modules: string[],
	environment: Record<string, string>,
): Promise<number> {
	const script =
		"const { performance } = require('node:perf_hooks');" +
		'const started = performance.now();' +
		modules.map((module) => `require(${JSON.stringify(module)});`).join('') +
		'process.stdout.write(String(performance.now() - started));';
	const stdout = await runFresh(script, environment);
	const value = Number(stdout.trim());
	if (!Number.isFinite(value))
		throw new Error(`cold import of ${modules.join(', ')} printed "${stdout}"`);
	return value;
}

/** Bytes of the bundle by origin: each npm package, and this repository's own code. */
function largestContributors(metafile: Metafile, bundlePath: string, top = 4): string {
	const output = Object.entries(metafile.outputs).find(
		([path]) => resolve(repositoryRoot, path) === bundlePath,
	);
	if (!output) return 'no metafile entry';
	const byOrigin = new Map<string, number>();
	for (const [path, { bytesInOutput }] of Object.entries(output[1].inputs)) {
		const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
		const origin = match ? match[1] : 'this repository';
		byOrigin.set(origin, (byOrigin.get(origin) ?? 0) + bytesInOutput);
	}
	return [...byOrigin]
		.sort((a, b) => b[1] - a[1])
		.slice(0, top)
		.map(([origin, bytes]) => `${origin} ${(bytes / 1024).toFixed(0)} KB`)
		.join(', ');
}

/** The packages a bundle leaves to the runtime (the `@aws-sdk/*` clients it requires). */
function externalImports(metafile: Metafile, bundlePath: string): string[] {
	const output = Object.entries(metafile.outputs).find(
		([path]) => resolve(repositoryRoot, path) === bundlePath,
	);
	const externals = new Set<string>();
	for (const entry of output?.[1].imports ?? []) {
		if (entry.external && !isBuiltin(entry.path)) externals.add(entry.path);
	}
	return [...externals].sort();
}

/**
 * Which of the packages a bundle leaves to the runtime its import loads. A package the bundle imports
 * only on first use (the SSM client, behind the key read) is not part of the cold import, so it is
 * not part of the reference either.
 */
async function loadedAtImport(
	bundlePath: string,
	packages: string[],
	environment: Record<string, string>,
): Promise<string[]> {
	if (packages.length === 0) return [];
	const script =
		`require(${JSON.stringify(bundlePath)});` +
		`process.stdout.write(JSON.stringify(${JSON.stringify(packages)}.filter((name) => require.cache[require.resolve(name)] !== undefined)));`;
	return JSON.parse(await runFresh(script, environment)) as string[];
}

export const lambdaBundlesScenario: Scenario = {
	id: 'bundles',
	title: 'Lambda artefacts: minified bundle size and cold import time of each function',
	async run({ log, outcome }) {
		log('reading serverless.yml (serverless print)');
		const service = await printServerlessConfig();
		const esbuildOptions = esbuildOptionsOf(service.custom.esbuild);
		outcome.setup = `esbuild per function with serverless.yml's options (${describeOptions(esbuildOptions)}); ${service.provider.runtime} ${service.provider.architecture ?? ''}; cold import = median of ${COLD_IMPORT_RUNS} fresh \`node\` processes requiring the bundle with the function's environment`;
		rmSync(outputRoot, { recursive: true, force: true });
		for (const [name, definition] of Object.entries(service.functions)) {
			const modulePath = definition.handler.slice(0, definition.handler.lastIndexOf('.'));
			const outdir = join(outputRoot, name);
			mkdirSync(outdir, { recursive: true });
			log(`building ${name} (${modulePath}.ts)`);
			const { metafile } = await build({
				...esbuildOptions,
				entryPoints: [join(repositoryRoot, `${modulePath}.ts`)],
				outdir,
				logLevel: 'error',
				metafile: true,
			});
			const bundlePath = join(outdir, `${modulePath.split('/').pop()}.js`);
			const sizeKB = statSync(bundlePath).size / 1024;
			const environment = stringEnvironment(service.provider.environment, definition.environment);
			const runtimeModules = await loadedAtImport(
				bundlePath,
				externalImports(metafile, bundlePath),
				environment,
			);
			const samples: number[] = [];
			const runtimeSamples: number[] = [];
			// Alternating the two keeps a burst of load on the shared machine from favouring either.
			for (let runIndex = 0; runIndex < COLD_IMPORT_RUNS; runIndex++) {
				samples.push(await coldImportMs([bundlePath], environment));
				if (runtimeModules.length > 0)
					runtimeSamples.push(await coldImportMs(runtimeModules, environment));
			}
			const coldMs = median(samples);
			outcome.figures.push(
				plain(`${name}: bundle (minified JS)`, sizeKB, 'KB', {
					target: { description: `≤ ${MAX_BUNDLE_KB} KB`, holds: sizeKB <= MAX_BUNDLE_KB },
					note: `largest parts: ${largestContributors(metafile, bundlePath)}`,
				}),
				{
					...plain(`${name}: cold import (median)`, coldMs, 'ms', {
						target: {
							description: `≤ ${MAX_COLD_IMPORT_MS} ms`,
							holds: coldMs <= MAX_COLD_IMPORT_MS,
						},
						note: `runs ${samples.map((sample) => sample.toFixed(0)).join(', ')} ms`,
					}),
					...(runtimeModules.length > 0
						? {
								reference: {
									name: `${runtimeModules.join(' + ')} alone`,
									value: median(runtimeSamples),
								},
								ratio: coldMs / median(runtimeSamples),
							}
						: {}),
				},
			);
		}
		outcome.notes.push(
			'Sizes exclude the source map serverless.yml also ships (sourcemap: true); @aws-sdk/* is left to the runtime as serverless.yml excludes it, so the cold import loads it from node_modules as Lambda loads it from the runtime.',
			'The environment serverless.yml gives each function (NODE_OPTIONS included, when it sets one) applies to each import, as it does in Lambda. The reference beside each cold import is requiring only the @aws-sdk clients that bundle leaves to the runtime and loads at import (a client it loads on first use, such as SSM behind the key read, is left out), measured alternately in the same conditions: the part of the cold start our code does not control.',
		);
	},
};
