/**
 * Runs one of the `scripts/ensure-*.sh` installers, which install a tool once into a cache folder
 * (or find it there) and print that folder as their last line of output.
 */
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';

/** Runs `scripts/<script>` and resolves with the folder it printed last; its progress goes to stderr. */
export async function runEnsureScript(script: string): Promise<string> {
	const path = join(resolve(__dirname, '..'), script);
	return await new Promise<string>((resolvePath, reject) => {
		// stderr is passed through: a cold install takes minutes and its progress should be visible.
		const child = spawn('bash', [path], { stdio: ['ignore', 'pipe', 'inherit'] });
		let stdout = '';
		child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
		child.on('error', reject);
		child.on('exit', (code) =>
			code === 0
				? resolvePath(stdout.trim().split('\n').pop() ?? '')
				: reject(new Error(`scripts/${script} failed with exit code ${code}`)),
		);
	});
}
