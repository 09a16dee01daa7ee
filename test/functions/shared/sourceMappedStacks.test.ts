import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const moduleUnderTest = resolve(__dirname, '../../../functions/shared/sourceMappedStacks.ts');

// A bundle built as serverless.yml builds the functions (minified CJS, external line-only map),
// whose entry installs the mapping first, as the handlers do.
const FAILURES = `export function failSync(): string {
	return readSetting(undefined);
}

function readSetting(value: string | undefined): string {
	if (value === undefined) throw new TypeError('setting missing');
	return value;
}

export async function failAsync(): Promise<void> {
	await Promise.resolve();
	await settle();
}

async function settle(): Promise<void> {
	await new Promise((done) => setImmediate(done));
	throw new RangeError('async failure');
}
`;
const ENTRY = `import { mapStackTracesToSources } from ${JSON.stringify(moduleUnderTest)};
import { failAsync, failSync } from './failures';

mapStackTracesToSources();

export { failAsync, failSync };
`;
// Plain JavaScript outside the bundle, as the Lambda runtime is: it prints what the bundle throws.
const RUNNER = `if (process.argv[2] === 'chained') {
	Error.prepareStackTrace = (error) => 'formatted by the previous formatter: ' + error.message;
}
const bundle = require('./out/entry.js');
try {
	bundle.failSync();
} catch (error) {
	console.log(error.stack);
}
bundle.failAsync().catch((error) => {
	console.log(error.stack);
	console.log(new Error('thrown outside the bundle').stack);
});
`;

let directory: string;

const literally = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The runner's output, in a process whose only flags are `flags` (no NODE_OPTIONS). */
async function runBundle(flags: string[], mode = 'plain'): Promise<string> {
	const { stdout } = await run(process.execPath, [...flags, join(directory, 'runner.js'), mode], {
		cwd: directory,
		env: { PATH: process.env.PATH ?? '' },
	});
	return stdout;
}

beforeAll(async () => {
	directory = await mkdtemp(join(tmpdir(), 'source-mapped-stacks-'));
	await writeFile(join(directory, 'failures.ts'), FAILURES);
	await writeFile(join(directory, 'entry.ts'), ENTRY);
	await writeFile(join(directory, 'runner.js'), RUNNER);
	await build({
		entryPoints: [join(directory, 'entry.ts')],
		outdir: join(directory, 'out'),
		bundle: true,
		minify: true,
		sourcemap: true,
		sourcesContent: false,
		format: 'cjs',
		platform: 'node',
		target: 'node24',
		logLevel: 'error',
	});
});

afterAll(async () => {
	await rm(directory, { recursive: true, force: true });
});

describe('source-mapped stack traces of a bundle', () => {
	it('name the TypeScript source and line of every bundled frame, sync and async alike', async () => {
		const output = await runBundle([]);
		const failures = literally(join(directory, 'failures.ts'));
		const runner = literally(join(directory, 'runner.js'));
		// Names esbuild kept in the map come back (readSetting); others stay minified, as with Node's own.
		expect(output).toMatch(
			new RegExp(
				`^TypeError: setting missing\n    at readSetting \\(${failures}:6:33\\)\n    at Object\\.\\w+ \\(${failures}:2:9\\)\n    at Object\\.<anonymous> \\(${runner}:6:9\\)\n`,
			),
		);
		expect(output).toMatch(
			new RegExp(
				`\nRangeError: async failure\n    at \\w+ \\(${failures}:17:8\\)\n    at async Object\\.\\w+ \\(${failures}:12:2\\)\n`,
			),
		);
		expect(output).not.toContain('entry.js:');
	});

	it('read exactly as the traces Node maps itself with --enable-source-maps', async () => {
		const [ours, nodes] = await Promise.all([runBundle([]), runBundle(['--enable-source-maps'])]);
		expect(ours).toBe(nodes);
	});

	it('leave traces without a bundled frame to the formatter that was there before', async () => {
		const output = await runBundle([], 'chained');
		expect(output).toContain('formatted by the previous formatter: thrown outside the bundle');
		expect(output).toContain(`at readSetting (${join(directory, 'failures.ts')}:6:33)`);
	});
});
