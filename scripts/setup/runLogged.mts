import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';

import { NODE_BINARY } from './paths.mts';

/** Flags every npm command of the set-up runs with: quiet, no audit, no update check. */
export const NPM_FLAGS = ['--no-audit', '--no-fund', '--loglevel=error', '--no-update-notifier'];

/**
 * Runs a command to completion with its output in a log file; on failure the error carries the
 * log's last lines. `PATH` starts with Node 24's folder so npm and node-gyp run on it.
 */
export function run(
	command: string,
	args: string[],
	options: { cwd: string; log: string; env?: Record<string, string> },
): Promise<void> {
	const log = openSync(options.log, 'a');
	const child = spawn(command, args, {
		cwd: options.cwd,
		stdio: ['ignore', log, log],
		env: {
			...process.env,
			PATH: `${dirname(NODE_BINARY)}:${process.env.PATH ?? ''}`,
			...options.env,
		},
	});
	closeSync(log);
	return new Promise((resolveRun, reject) => {
		child.on('error', reject);
		child.on('exit', (code, signal) => {
			if (code === 0) return resolveRun();
			const tail = readFileSync(options.log, 'utf8').trimEnd().split('\n').slice(-25).join('\n');
			reject(
				new Error(
					`${command} ${args.join(' ')} failed (${signal ?? `exit code ${code}`}); the end of ${options.log}:\n${tail}`,
				),
			);
		});
	});
}
