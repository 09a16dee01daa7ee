// `npm run package [-- <osls options>]`: packages the jobs offline with `osls package`.
// serverless-esbuild prints an esbuild error and then never exits, so every handler is first bundled
// with plain esbuild (same options, nothing written) to fail fast, and `osls package` itself runs
// under a time limit so a hang fails CI instead of stalling it. Packagings of one checkout share its
// .serverless and .esbuild folders: run them one at a time.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const timeoutSeconds = Number(process.env.PACKAGE_TIMEOUT_SECONDS ?? 300);

const serverlessConfig = readFileSync(join(root, 'serverless.yml'), 'utf8');

/** The esbuild target serverless.yml gives serverless-esbuild, so both builds agree on it. */
function esbuildTarget() {
	const target = serverlessConfig.match(/^\s+target:\s*(node\d+)\s*$/m)?.[1];
	if (target === undefined) {
		throw new Error('serverless.yml sets no custom.esbuild.target such as "node24".');
	}
	return target;
}

/** The `handler:` entries of serverless.yml, as source files to bundle. */
function handlerEntries() {
	const handlers = [...serverlessConfig.matchAll(/^\s+handler:\s*(\S+)\s*$/gm)].map(
		(match) => match[1],
	);
	return handlers.map((handler) => {
		const modulePath = handler.slice(0, handler.lastIndexOf('.'));
		const entry = join(root, `${modulePath}.ts`);
		if (!existsSync(entry)) {
			throw new Error(
				`serverless.yml names handler "${handler}" but ${modulePath}.ts does not exist.`,
			);
		}
		return entry;
	});
}

async function checkBundles() {
	const entries = handlerEntries();
	try {
		await build({
			entryPoints: entries,
			bundle: true,
			platform: 'node',
			target: esbuildTarget(),
			format: 'cjs',
			external: ['@aws-sdk/*'],
			outdir: join(root, '.esbuild', 'check'),
			write: false,
			logLevel: 'error',
		});
	} catch {
		// esbuild has already printed each error with its file and line.
		console.error('package: bundling failed; fix the errors above before packaging.');
		process.exit(1);
	}
	console.log(`package: ${entries.length} handlers bundle cleanly`);
}

function runPackage(args) {
	return new Promise((resolve) => {
		const child = spawn(join(root, 'node_modules', '.bin', 'osls'), ['package', ...args], {
			cwd: root,
			stdio: 'inherit',
			detached: true,
		});
		const timer = setTimeout(() => {
			console.error(`package: osls package did not finish within ${timeoutSeconds}s; stopping it.`);
			process.kill(-child.pid, 'SIGKILL');
		}, timeoutSeconds * 1000);
		for (const signal of ['SIGINT', 'SIGTERM']) {
			process.on(signal, () => process.kill(-child.pid, signal));
		}
		child.on('exit', (code, signal) => {
			clearTimeout(timer);
			resolve(code ?? (signal ? 1 : 0));
		});
	});
}

await checkBundles();
process.exit(await runPackage(process.argv.slice(2)));
