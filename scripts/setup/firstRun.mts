/**
 * The first run on a fresh machine, with progress: `npm run setup` installs the project's
 * dependencies and, at the same time, the n8n release the demo and the end-to-end tests run;
 * `scripts/ensure-n8n.sh` installs only n8n. Run by Node 24 directly (type stripping, no
 * dependencies), because it runs before `npm ci` has installed anything.
 *
 *   node scripts/setup/firstRun.mts setup [--no-n8n]
 *   node scripts/setup/firstRun.mts n8n        prints the n8n folder as its last line
 *
 * What takes the time, and how it is shortened (measured in docs/demo.md, "First run"):
 * - n8n is installed from a lock file (scripts/setup/n8n/package-lock.json) with `npm ci`, so npm
 *   downloads 2,300 exact tarballs instead of resolving the tree package by package; optional
 *   packages n8n does not need to start (platform binaries of AI and PDF libraries) are left out.
 * - sqlite3, n8n's database driver, has no prebuilt binary reachable here and is compiled (the
 *   longest single step). It is compiled in its own folder while the rest of n8n downloads.
 * - `npm run setup` runs the project's `npm ci` beside the n8n install.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';

import { ensureN8n } from './installN8n.mts';
import { installablePaths, packageCounter, readLock } from './lockFile.mts';
import { CACHE_ROOT, NODE_BINARY, NODE_VERSION, REPO_ROOT } from './paths.mts';
import { EXPECTED_SECONDS, Progress, minutes } from './progress.mts';
import { NPM_FLAGS, run } from './runLogged.mts';

/** `npm ci` of the project itself, on Node 24. */
async function installProjectDependencies(progress: Progress, logFolder: string): Promise<void> {
	const lock = readLock(join(REPO_ROOT, 'package-lock.json'));
	const step = progress.start(
		"npm ci: the project's dependencies",
		EXPECTED_SECONDS.projectDependencies,
		packageCounter(REPO_ROOT, installablePaths(lock, true)),
	);
	await run('npm', ['ci', ...NPM_FLAGS], {
		cwd: REPO_ROOT,
		log: join(logFolder, 'npm-ci.log'),
	});
	progress.finish(step);
}

/**
 * npm scripts find `node` on PATH after `node_modules/.bin`; a link there makes `npm test`,
 * `npm start` and `npx …` run on Node 24 when the machine's own Node is older.
 */
function linkNodeIntoProject(progress: Progress): void {
	const systemMajor = Number(process.env.SETUP_SYSTEM_NODE_MAJOR ?? '0');
	if (systemMajor >= 24) return;
	const bin = join(REPO_ROOT, 'node_modules', '.bin');
	mkdirSync(bin, { recursive: true });
	rmSync(join(bin, 'node'), { force: true });
	symlinkSync(NODE_BINARY, join(bin, 'node'));
	progress.print(
		`npm scripts run on Node.js ${NODE_VERSION} (node_modules/.bin/node; this machine's own Node is ${systemMajor > 0 ? `${systemMajor}.x` : 'missing'})`,
	);
}

async function setup(args: string[]): Promise<void> {
	const unknown = args.filter((arg) => arg !== '--no-n8n');
	if (unknown.length > 0) {
		throw new Error(`Unknown option ${unknown.join(' ')}. Usage: npm run setup [-- --no-n8n]`);
	}
	const withN8n = !args.includes('--no-n8n');
	const progress = new Progress();
	const startedAt = Date.now();
	// Kept when a step fails: the error names the log and shows its end.
	const logFolder = mkdtempSync(join(CACHE_ROOT, '.setup-logs-'));
	await Promise.all([
		installProjectDependencies(progress, logFolder).then(() => linkNodeIntoProject(progress)),
		withN8n ? ensureN8n(progress) : Promise.resolve(undefined),
	]);
	rmSync(logFolder, { recursive: true, force: true });
	progress.print(
		`ready in ${minutes((Date.now() - startedAt) / 1000)}: npm start (the demo), npm test (the tests)${withN8n ? ', npm run test:e2e (in a real n8n)' : ''}`,
	);
}

async function main(): Promise<void> {
	mkdirSync(CACHE_ROOT, { recursive: true });
	const [command, ...args] = process.argv.slice(2);
	if (command === 'setup') return await setup(args);
	if (command === 'n8n') {
		process.stdout.write(`${await ensureN8n(new Progress())}\n`);
		return;
	}
	throw new Error('Usage: node scripts/setup/firstRun.mts setup [--no-n8n] | n8n');
}

main().catch((error: unknown) => {
	process.stderr.write(`[setup] ${error instanceof Error ? error.message : String(error)}\n`);
	process.exit(1);
});
