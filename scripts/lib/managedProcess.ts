/**
 * One long-running child process (an n8n process, PostgreSQL, Redis) started with its output in a log
 * file, waited for until it answers a readiness check, and stopped by its own process id.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';

/** How to start a managed process. */
export interface ManagedProcessOptions {
	/** A short name for messages ("n8n worker", "PostgreSQL"). */
	label: string;
	command: string;
	args: string[];
	cwd: string;
	env: NodeJS.ProcessEnv;
	/** Where stdout and stderr go (appended). */
	logPath: string;
	/** Resolves true once the process is ready to serve. */
	isReady: () => Promise<boolean>;
	readyTimeoutMs?: number;
	/** The signal that asks for a clean shutdown (default SIGTERM; PostgreSQL's fast shutdown is SIGINT). */
	stopSignal?: NodeJS.Signals;
	/** How long that shutdown may take before SIGKILL. */
	stopGraceMs?: number;
}

/** A started process: its pid, its log, and `stop()`. */
export class ManagedProcess {
	private exit: Promise<void>;

	private exited = false;

	private constructor(
		private readonly child: ChildProcess,
		readonly options: ManagedProcessOptions,
	) {
		this.exit = new Promise((resolveExit) => child.once('exit', () => resolveExit()));
		void this.exit.then(() => (this.exited = true));
	}

	/** Starts the process and resolves once `isReady` holds; stops it and throws when it does not. */
	static async start(options: ManagedProcessOptions): Promise<ManagedProcess> {
		const log = openSync(options.logPath, 'a');
		const child = spawn(options.command, options.args, {
			cwd: options.cwd,
			env: options.env,
			stdio: ['ignore', log, log],
			// Its own process group, so stop() also reaches helpers it starts (n8n's task runner).
			detached: true,
		});
		closeSync(log);
		const started = new ManagedProcess(child, options);
		const timeoutMs = options.readyTimeoutMs ?? 180_000;
		const deadline = Date.now() + timeoutMs;
		while (Date.now() < deadline) {
			if (started.exited) {
				throw new Error(
					`${options.label} exited before it was ready; the end of ${options.logPath}:\n${started.logTail(30)}`,
				);
			}
			if (await options.isReady().catch(() => false)) return started;
			await new Promise((wake) => setTimeout(wake, 250));
		}
		await started.stop();
		throw new Error(
			`${options.label} was not ready within ${timeoutMs} ms; the end of ${options.logPath}:\n${started.logTail(30)}`,
		);
	}

	/** The process id (the leader of its process group). */
	get pid(): number {
		return this.child.pid ?? -1;
	}

	/** Whether the process is still running. */
	get running(): boolean {
		return !this.exited;
	}

	/** The whole log so far. */
	log(): string {
		return existsSync(this.options.logPath) ? readFileSync(this.options.logPath, 'utf8') : '';
	}

	/** The last `lines` lines of the log. */
	logTail(lines = 80): string {
		return this.log().split('\n').slice(-lines).join('\n');
	}

	/** The stop signal by pid, SIGKILL after the grace period, then SIGKILL to what is left of its group. */
	async stop(): Promise<void> {
		const pid = this.child.pid;
		if (pid === undefined) return;
		if (!this.exited) {
			this.child.kill(this.options.stopSignal ?? 'SIGTERM');
			const graceMs = this.options.stopGraceMs ?? 20_000;
			const timedOut = await Promise.race([
				this.exit.then(() => false),
				new Promise<boolean>((wake) => setTimeout(() => wake(true), graceMs).unref()),
			]);
			if (timedOut) this.child.kill('SIGKILL');
			await this.exit;
		}
		try {
			process.kill(-pid, 'SIGKILL');
		} catch {
			// The group is already gone.
		}
	}
}
