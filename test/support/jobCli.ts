import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);
const TSX = 'node_modules/.bin/tsx';

/**
 * Runs a job CLI (`functions/<job>/cli.ts`) as a user would, with only PATH, HOME and the given
 * settings in its environment; resolves with its output and exit code, also when it fails.
 */
export async function runJobCli(script: string, args: string[], env: Record<string, string>) {
	const result = await run(TSX, [script, ...args], {
		cwd: process.cwd(),
		env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
		timeout: 60_000,
	}).catch((error: { stdout: string; stderr: string; code: number }) => error);
	return {
		stdout: result.stdout,
		stderr: result.stderr,
		code: 'code' in result ? result.code : 0,
	};
}
