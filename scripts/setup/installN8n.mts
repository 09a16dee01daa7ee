/** Installs the n8n release this package supports into the cache, once, on Node 24. */
import {
	cpSync,
	existsSync,
	mkdirSync,
	mkdtempSync,
	readFileSync,
	renameSync,
	rmSync,
	symlinkSync,
	writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';

import { installablePaths, lockedN8n, packageCounter, readLock } from './lockFile.mts';
import { CACHE_ROOT, N8N_LOCK_FOLDER, NODE_BINARY, NODE_VERSION } from './paths.mts';
import { EXPECTED_SECONDS } from './progress.mts';
import type { Progress } from './progress.mts';
import { NPM_FLAGS, run } from './runLogged.mts';

/** Where a finished n8n install lives; scripts/lib/n8nInstall.ts reads `node/` and `n8n/` inside it. */
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
export async function ensureN8n(progress: Progress): Promise<string> {
	const target = n8nTarget();
	if (existsSync(join(target, '.ready'))) return target;
	return await withInstallLock(async () => {
		if (existsSync(join(target, '.ready'))) return target;
		const { n8nVersion, sqlite3Version, nodeAddonApiVersion } = lockedN8n();
		const stage = mkdtempSync(join(CACHE_ROOT, '.staging-'));
		try {
			const logFolder = join(stage, 'logs');
			mkdirSync(logFolder);
			// n8n runs on the Node 24 this script runs on; scripts/lib/n8nInstall.ts finds it in node/bin.
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
