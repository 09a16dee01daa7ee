/**
 * A PostgreSQL server of a version n8n supports, on loopback, in a folder of its own: initialised,
 * started, and stopped by its process id. The binaries come from scripts/ensure-postgres.sh.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
	accessSync,
	chmodSync,
	chownSync,
	constants,
	existsSync,
	mkdirSync,
	readFileSync,
	writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { runEnsureScript } from './ensureScript';
import { makeTempFolder, removeTempFolder } from './tempFolder';
import { ManagedProcess } from './managedProcess';

const execFileAsync = promisify(execFile);

/** PostgreSQL refuses to run as root; as root the server runs as this unprivileged account. */
const NOBODY = { uid: 65534, gid: 65534 };

/** What the server logs once it accepts connections. */
const READY_LINE = 'database system is ready to accept connections';

/** A cached PostgreSQL install: `bin/postgres`, `bin/initdb`, `lib/`, `share/`. */
export interface PostgresInstall {
	dir: string;
}

/** Installs (first time) or finds the cached PostgreSQL server binaries. */
export async function ensurePostgresInstalled(): Promise<PostgresInstall> {
	return { dir: await runEnsureScript('ensure-postgres.sh') };
}

/** How n8n reaches the database (the DB_POSTGRESDB_* settings). */
export interface PostgresConnection {
	host: string;
	port: number;
	user: string;
	password: string;
	database: string;
}

/** A running PostgreSQL server. */
export interface LocalPostgres {
	connection: PostgresConnection;
	/** What `postgres --version` printed, for example `postgres (PostgreSQL) 17.10`. */
	version: string;
	pid: number;
	logPath: string;
	/** The settings n8n needs to use this database. */
	n8nEnvironment(): Record<string, string>;
	/** Fast shutdown by process id. */
	stop(): Promise<void>;
}

/** Settings for `startPostgres`. */
export interface StartPostgresOptions {
	install: PostgresInstall;
	port: number;
	database?: string;
}

/**
 * Initialises a fresh cluster in a temp folder of its own (password authentication, loopback only),
 * creates the database and starts the server; `stop()` deletes the folder. When running as root (CI),
 * the server runs as `nobody` from a hard-linked copy of the binaries inside that folder: the cache
 * under root's home is not reachable by other users.
 */
export async function startPostgres(options: StartPostgresOptions): Promise<LocalPostgres> {
	const folder = makeTempFolder('postgres');
	try {
		return await startInFolder(folder, options);
	} catch (error) {
		removeTempFolder(folder);
		throw error;
	}
}

async function startInFolder(
	folder: string,
	options: StartPostgresOptions,
): Promise<LocalPostgres> {
	const { port } = options;
	const database = options.database ?? 'n8n';
	const user = 'n8n';
	const password = randomBytes(18).toString('base64url');
	const asRoot = process.getuid?.() === 0;
	const serverDir = asRoot
		? await stageForUnprivilegedUser(options.install.dir, folder)
		: options.install.dir;
	const dataDir = join(folder, 'data');
	const passwordFile = join(folder, 'password');
	mkdirSync(dataDir, { recursive: true });
	writeFileSync(passwordFile, password, { mode: 0o600 });
	if (asRoot) {
		// Enough for `nobody` to reach its files; the folder's listing stays private.
		chmodSync(folder, 0o711);
		for (const path of [dataDir, passwordFile]) chownSync(path, NOBODY.uid, NOBODY.gid);
	}
	const run = (binary: string, args: string[]) => {
		const path = join(serverDir, 'bin', binary);
		return asRoot
			? {
					command: 'setpriv',
					args: [`--reuid=${NOBODY.uid}`, `--regid=${NOBODY.gid}`, '--clear-groups', path, ...args],
				}
			: { command: path, args };
	};
	const exec = async (binary: string, args: string[], input?: string) => {
		const { command, args: fullArgs } = run(binary, args);
		const child = execFileAsync(command, fullArgs, { cwd: folder, env: minimalEnvironment() });
		if (input !== undefined) {
			child.child.stdin?.end(input);
		}
		return await child;
	};

	const { stdout: version } = await exec('postgres', ['--version']);
	await exec('initdb', [
		'--pgdata',
		dataDir,
		'--username',
		user,
		`--pwfile=${passwordFile}`,
		'--auth=scram-sha-256',
		'--encoding=UTF8',
		'--no-locale',
	]);
	// Single-user mode creates the database without a client program (the package ships none).
	await exec('postgres', ['--single', '-D', dataDir, 'postgres'], `CREATE DATABASE ${database};\n`);

	const logPath = join(folder, 'postgres.log');
	const { command, args } = run('postgres', [
		'-D',
		dataDir,
		'-c',
		'listen_addresses=127.0.0.1',
		'-c',
		`port=${port}`,
		'-c',
		`unix_socket_directories=${dataDir}`,
	]);
	const server = await ManagedProcess.start({
		label: 'PostgreSQL',
		command,
		args,
		cwd: folder,
		env: minimalEnvironment(),
		logPath,
		isReady: async () => existsSync(logPath) && readFileSync(logPath, 'utf8').includes(READY_LINE),
		readyTimeoutMs: 60_000,
		stopSignal: 'SIGINT',
	});
	const connection = { host: '127.0.0.1', port, user, password, database };
	return {
		connection,
		version: version.trim(),
		pid: server.pid,
		logPath,
		n8nEnvironment: () => ({
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: connection.host,
			DB_POSTGRESDB_PORT: String(connection.port),
			DB_POSTGRESDB_USER: connection.user,
			DB_POSTGRESDB_PASSWORD: connection.password,
			DB_POSTGRESDB_DATABASE: connection.database,
		}),
		stop: async () => {
			await server.stop();
			removeTempFolder(folder);
		},
	};
}

/** Hard-links (or copies, across file systems) the binaries into `folder/server`. */
async function stageForUnprivilegedUser(installDir: string, folder: string): Promise<string> {
	const target = join(folder, 'server');
	try {
		await execFileAsync('cp', ['-al', installDir, target]);
	} catch {
		await execFileAsync('rm', ['-rf', target]);
		await execFileAsync('cp', ['-a', installDir, target]);
	}
	accessSync(join(target, 'bin', 'postgres'), constants.X_OK);
	return target;
}

function minimalEnvironment(): NodeJS.ProcessEnv {
	return { PATH: process.env.PATH, LANG: 'C', TZ: 'UTC' };
}
