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
import { spawn } from 'node:child_process';
import {
	closeSync,
	cpSync,
	existsSync,
	mkdirSync,
	mkdtempSync,
	openSync,
	readFileSync,
	realpathSync,
	renameSync,
	rmSync,
	symlinkSync,
	writeFileSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const REPO_ROOT = resolve(import.meta.dirname, '..', '..');
const N8N_LOCK_FOLDER = join(import.meta.dirname, 'n8n');
const NODE_BINARY = realpathSync(process.execPath);
const NODE_VERSION = process.versions.node;
const CACHE_ROOT =
	process.env.N8N_CACHE_DIR ??
	join(
		process.env.XDG_CACHE_HOME ?? join(process.env.HOME ?? '/tmp', '.cache'),
		'n8n-nodes-stripe-connect',
	);
const NPM_FLAGS = ['--no-audit', '--no-fund', '--loglevel=error', '--no-update-notifier'];

/**
 * How long each step took on a fresh machine of the kind CI uses (2 cores, otherwise idle, empty
 * caches), rounded up; shown next to each step so a long wait is an expected one.
 */
const EXPECTED_SECONDS = {
	projectDependencies: 120,
	n8nPackages: 240,
	sqlite3Build: 150,
};

/** The n8n release this package supports (the lock in scripts/setup/n8n pins its whole tree). */
function lockedN8n(): { n8nVersion: string; sqlite3Version: string; nodeAddonApiVersion: string } {
	const lock = readLock(join(N8N_LOCK_FOLDER, 'package-lock.json'));
	const version = (path: string) => {
		const entry = lock.packages[path];
		if (!entry?.version) throw new Error(`scripts/setup/n8n/package-lock.json has no ${path}`);
		return entry.version;
	};
	return {
		n8nVersion: version('node_modules/n8n'),
		sqlite3Version: version('node_modules/sqlite3'),
		nodeAddonApiVersion: version('node_modules/node-addon-api'),
	};
}

interface LockFile {
	packages: Record<string, { version?: string; optional?: boolean; os?: string[]; cpu?: string[] }>;
}

function readLock(path: string): LockFile {
	return JSON.parse(readFileSync(path, 'utf8')) as LockFile;
}

/** The package folders a lock installs on this machine (optional ones for other platforms left out). */
function installablePaths(lock: LockFile, withOptional: boolean): string[] {
	return Object.entries(lock.packages)
		.filter(([path, entry]) => {
			if (path === '' || !path.includes('node_modules/')) return false;
			if (entry.optional && !withOptional) return false;
			if (entry.os && !entry.os.includes(process.platform)) return false;
			if (entry.cpu && !entry.cpu.includes(process.arch)) return false;
			return true;
		})
		.map(([path]) => path);
}

function minutes(seconds: number): string {
	const whole = Math.round(seconds);
	return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}

function about(seconds: number): string {
	return seconds < 90
		? `about ${Math.round(seconds / 10) * 10} s`
		: `about ${Math.round(seconds / 60)} min`;
}

/** One long step: what it is, how long it usually takes, and how far it got. */
interface Step {
	label: string;
	expectedSeconds: number;
	startedAt: number;
	finishedAt?: number;
	/** Done so far, such as "1,240 of 2,305 packages"; undefined when it cannot be counted. */
	progress?: () => string | undefined;
}

/**
 * Progress of the steps running at the same time: a line when a step starts and ends, and a status
 * line (redrawn in place on a terminal, every 30 s in logs) with each running step's progress.
 */
class Progress {
	private readonly steps: Step[] = [];

	private timer?: NodeJS.Timeout;

	private lastLogAt = 0;

	private readonly tty = process.stderr.isTTY === true;

	start(label: string, expectedSeconds: number, progress?: () => string | undefined): Step {
		const step: Step = { label, expectedSeconds, startedAt: Date.now(), progress };
		this.steps.push(step);
		this.print(`${label}, ${about(expectedSeconds)}…`);
		this.timer ??= setInterval(() => this.tick(), 1000);
		return step;
	}

	finish(step: Step): void {
		step.finishedAt = Date.now();
		this.print(`${step.label}: done in ${minutes((step.finishedAt - step.startedAt) / 1000)}`);
		if (this.steps.every((candidate) => candidate.finishedAt !== undefined)) {
			clearInterval(this.timer);
			this.timer = undefined;
		}
	}

	print(line: string): void {
		this.clearStatus();
		process.stderr.write(`[setup] ${line}\n`);
	}

	private status(): string {
		return this.steps
			.filter((step) => step.finishedAt === undefined)
			.map((step) => {
				const elapsed = minutes((Date.now() - step.startedAt) / 1000);
				const counted = step.progress?.();
				return `${step.label.split(':')[0]} ${elapsed} of ~${minutes(step.expectedSeconds)}${counted ? ` (${counted})` : ''}`;
			})
			.join(' · ');
	}

	private tick(): void {
		const status = this.status();
		if (status === '') return;
		if (this.tty) {
			const width = process.stderr.columns ?? 100;
			process.stderr.write(`\r\x1b[2K[setup] ${status}`.slice(0, width + 8));
		} else if (Date.now() - this.lastLogAt >= 30_000) {
			this.lastLogAt = Date.now();
			process.stderr.write(`[setup] ${status}\n`);
		}
	}

	private clearStatus(): void {
		if (this.tty) process.stderr.write('\r\x1b[2K');
	}
}

/** Counts how many of a lock's package folders exist yet: the progress of an `npm ci`. */
function packageCounter(root: string, paths: string[]): () => string {
	const total = paths.length.toLocaleString('en');
	return () => {
		const found = paths.filter((path) => existsSync(join(root, path, 'package.json'))).length;
		return `${found.toLocaleString('en')} of ${total} packages`;
	};
}

/**
 * Runs a command to completion with its output in a log file; on failure the error carries the
 * log's last lines. `PATH` starts with Node 24's folder so npm and node-gyp run on it.
 */
function run(
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

/** Where a finished n8n install lives; scripts/lib/localN8n.ts reads `node/` and `n8n/` inside it. */
function n8nTarget(): string {
	return join(CACHE_ROOT, `n8n-${lockedN8n().n8nVersion}-node-${NODE_VERSION}`);
}

/**
 * Holds the cache's install lock while `work` runs, so two runs (a set-up and a test run, say) never
 * install n8n together: the second waits and then finds the first one's install. The lock names
 * its holder, so one left by a process that died is taken over.
 */
async function withInstallLock<T>(work: () => Promise<T>): Promise<T> {
	mkdirSync(CACHE_ROOT, { recursive: true });
	const lockPath = join(CACHE_ROOT, '.install.lock.d');
	const holder = join(lockPath, 'pid');
	for (let waited = 0; ; waited++) {
		try {
			mkdirSync(lockPath);
			writeFileSync(holder, String(process.pid));
			break;
		} catch {
			const pid = Number(existsSync(holder) ? readFileSync(holder, 'utf8') : Number.NaN);
			if (Number.isInteger(pid) && !isAlive(pid)) {
				rmSync(lockPath, { recursive: true, force: true });
				continue;
			}
			if (waited === 0)
				process.stderr.write('[setup] another install of n8n is running; waiting for it…\n');
			await new Promise((wake) => setTimeout(wake, 1000));
		}
	}
	try {
		return await work();
	} finally {
		rmSync(lockPath, { recursive: true, force: true });
	}
}

function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

/**
 * Installs n8n into the cache (once): the locked tree with `npm ci`, and in parallel sqlite3
 * compiled in its own folder and moved into place. A marker written last makes an interrupted
 * install start over and a finished one return at once.
 */
async function ensureN8n(progress: Progress): Promise<string> {
	const target = n8nTarget();
	if (existsSync(join(target, '.ready'))) return target;
	return await withInstallLock(async () => {
		if (existsSync(join(target, '.ready'))) return target;
		const { n8nVersion, sqlite3Version, nodeAddonApiVersion } = lockedN8n();
		const stage = mkdtempSync(join(CACHE_ROOT, '.staging-'));
		try {
			const logFolder = join(stage, 'logs');
			mkdirSync(logFolder);
			// n8n runs on the Node 24 this script runs on; scripts/lib/localN8n.ts finds it in node/bin.
			mkdirSync(join(stage, 'node', 'bin'), { recursive: true });
			symlinkSync(NODE_BINARY, join(stage, 'node', 'bin', 'node'));
			const n8nFolder = join(stage, 'n8n');
			mkdirSync(n8nFolder);
			for (const file of ['package.json', 'package-lock.json']) {
				cpSync(join(N8N_LOCK_FOLDER, file), join(n8nFolder, file));
			}
			const buildFolder = join(stage, 'sqlite3-build');
			mkdirSync(buildFolder);
			writeFileSync(join(buildFolder, 'package.json'), '{"private":true}');
			const nodeHeaders = { npm_config_nodedir: dirname(dirname(NODE_BINARY)), JOBS: 'max' };

			const packages = progress.start(
				`n8n ${n8nVersion}: packages`,
				EXPECTED_SECONDS.n8nPackages,
				packageCounter(
					n8nFolder,
					installablePaths(readLock(join(n8nFolder, 'package-lock.json')), false),
				),
			);
			const sqlite3 = progress.start(
				`sqlite3 ${sqlite3Version}: compiling n8n's database driver`,
				EXPECTED_SECONDS.sqlite3Build,
			);
			await Promise.all([
				// --ignore-scripts: install scripts of optional native modules try to download binaries
				// from hosts outside the npm registry; the one native module n8n needs is built below.
				run('npm', ['ci', '--ignore-scripts', '--omit=optional', ...NPM_FLAGS], {
					cwd: n8nFolder,
					log: join(logFolder, 'n8n-packages.log'),
				}).then(() => progress.finish(packages)),
				(async () => {
					await run(
						'npm',
						[
							'install',
							'--ignore-scripts',
							'--no-save',
							...NPM_FLAGS,
							`sqlite3@${sqlite3Version}`,
							`node-addon-api@${nodeAddonApiVersion}`,
						],
						{ cwd: buildFolder, log: join(logFolder, 'sqlite3.log') },
					);
					// --build-from-source: sqlite3 would otherwise try to download a prebuilt binary
					// (unreachable here); node-gyp compiles against Node 24's own headers.
					await run(
						'npm',
						['rebuild', 'sqlite3', '--build-from-source', '--ignore-scripts=false', ...NPM_FLAGS],
						{
							cwd: buildFolder,
							log: join(logFolder, 'sqlite3.log'),
							env: nodeHeaders,
						},
					);
					progress.finish(sqlite3);
				})(),
			]);
			const built = join(buildFolder, 'node_modules', 'sqlite3', 'build');
			const installed = join(n8nFolder, 'node_modules', 'sqlite3', 'build');
			rmSync(installed, { recursive: true, force: true });
			renameSync(built, installed);
			rmSync(buildFolder, { recursive: true, force: true });
			await run(
				join(stage, 'node', 'bin', 'node'),
				[join(n8nFolder, 'node_modules', 'n8n', 'bin', 'n8n'), '--version'],
				{
					cwd: n8nFolder,
					log: join(logFolder, 'check.log'),
				},
			);
			rmSync(target, { recursive: true, force: true });
			renameSync(stage, target);
			writeFileSync(join(target, '.ready'), `${new Date().toISOString()}\n`);
			return target;
		} catch (error) {
			rmSync(stage, { recursive: true, force: true });
			throw error;
		}
	});
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
