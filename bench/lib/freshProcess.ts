/**
 * Runs a workload in a fresh Node process (with tsx, so it runs the TypeScript sources) and returns
 * its result with the process's own memory figures. The parent keeps serving the sandbox meanwhile.
 */
import { fork } from 'node:child_process';

import type { MemoryFigures } from './memory';
import { PeakMemorySampler } from './memory';

interface WorkerReply<O> {
	ok: boolean;
	output?: O;
	error?: string;
	memory?: MemoryFigures;
}

/** What a fresh process returned. */
export interface FreshProcessResult<O> {
	output: O;
	memory: MemoryFigures;
}

/** Options of a fresh process. */
export interface FreshProcessOptions {
	/** The workload's environment, on top of a minimal one (the parent's settings never leak in). */
	env?: Record<string, string>;
	timeoutMs?: number;
	/** Extra Node flags, e.g. `--expose-gc`. */
	nodeFlags?: string[];
}

/** Lines of the child's output kept to explain a failure. */
const KEPT_OUTPUT_LINES = 15;

/** Only what Node and tsx need, so a variable set in the caller's shell cannot change a figure. */
function baseEnvironment(): Record<string, string> {
	const kept = ['PATH', 'HOME', 'TMPDIR', 'LANG', 'TZ'];
	return Object.fromEntries(
		kept.flatMap((name) =>
			process.env[name] === undefined ? [] : [[name, process.env[name] as string]],
		),
	);
}

/** Forks `workerFile` (a module calling `serveWorker`), sends it `input` and awaits its reply. */
export function runInFreshProcess<I, O>(
	workerFile: string,
	input: I,
	options: FreshProcessOptions = {},
): Promise<FreshProcessResult<O>> {
	return new Promise((resolve, reject) => {
		const child = fork(workerFile, [], {
			execArgv: ['--import', 'tsx', ...(options.nodeFlags ?? [])],
			env: { ...baseEnvironment(), ...options.env },
			// The jobs log JSON lines to stdout; keep the tail only to explain a failure.
			stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
			serialization: 'advanced',
		});
		const tail: string[] = [];
		const keep = (chunk: Buffer) => {
			tail.push(...chunk.toString('utf8').split('\n').filter(Boolean));
			tail.splice(0, Math.max(0, tail.length - KEPT_OUTPUT_LINES));
		};
		child.stdout?.on('data', keep);
		child.stderr?.on('data', keep);
		let reply: WorkerReply<O> | undefined;
		const timer = setTimeout(
			() => {
				child.kill('SIGKILL');
			},
			options.timeoutMs ?? 10 * 60_000,
		);
		child.on('message', (message) => {
			reply = message as WorkerReply<O>;
		});
		child.on('error', (error) => {
			clearTimeout(timer);
			reject(error);
		});
		child.on('exit', (code, signal) => {
			clearTimeout(timer);
			if (reply?.ok && reply.memory) {
				resolve({ output: reply.output as O, memory: reply.memory });
				return;
			}
			const reason =
				reply?.error ??
				(signal ? `killed by ${signal}` : `exited with code ${code} before replying`);
			reject(new Error(`${workerFile}: ${reason}${tail.length ? `\n${tail.join('\n')}` : ''}`));
		});
		child.send(input as object);
	});
}

/**
 * Worker side: receives the input, prepares, runs the workload while sampling memory, replies and
 * exits. Sampling starts after the imports and `prepare`, so the baseline includes the loaded code.
 */
export function serveWorker<I, O>(
	workload: (input: I, sampler: PeakMemorySampler) => Promise<O>,
	/** Runs before sampling starts (loading code, warming up), so the baseline includes it. */
	prepare?: (input: I) => Promise<void>,
): void {
	process.once('message', async (input) => {
		const sampler = new PeakMemorySampler();
		let reply: WorkerReply<O>;
		try {
			await prepare?.(input as I);
			sampler.start();
			const output = await workload(input as I, sampler);
			reply = { ok: true, output, memory: sampler.stop() };
		} catch (error) {
			sampler.stop();
			reply = {
				ok: false,
				error: error instanceof Error ? (error.stack ?? error.message) : String(error),
			};
		}
		process.send?.(reply, () => process.exit(0));
	});
}
