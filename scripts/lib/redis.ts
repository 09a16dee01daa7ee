/**
 * A Redis server (Debian's `redis-server`, installed by scripts/ensure-redis.sh) on loopback, for
 * n8n's queue: no persistence, no password, started and stopped by its process id.
 */
import { execFile } from 'node:child_process';
import { connect } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { runEnsureScript } from './ensureScript';
import { ManagedProcess } from './managedProcess';

const execFileAsync = promisify(execFile);

/** Finds redis-server, installing Debian's package first when it is missing (needs root). */
export async function ensureRedisInstalled(): Promise<string> {
	return await runEnsureScript('ensure-redis.sh');
}

/** A running Redis server. */
export interface LocalRedis {
	host: string;
	port: number;
	/** What `redis-server --version` printed. */
	version: string;
	pid: number;
	logPath: string;
	/** The settings n8n needs to use this Redis as its queue. */
	n8nEnvironment(): Record<string, string>;
	stop(): Promise<void>;
}

/** Starts `redis-server` on 127.0.0.1:`port` with its files in `folder`. */
export async function startRedis(options: { folder: string; port: number }): Promise<LocalRedis> {
	const { folder, port } = options;
	let version: string;
	try {
		version = (await execFileAsync('redis-server', ['--version'])).stdout.trim();
	} catch {
		throw new Error(
			"redis-server is not installed. Run `bash scripts/ensure-redis.sh` (as root: it installs Debian's redis-server with apt-get), or install Redis 6.2+ another way.",
		);
	}
	const logPath = join(folder, 'redis.log');
	const server = await ManagedProcess.start({
		label: 'Redis',
		command: 'redis-server',
		args: [
			'--bind',
			'127.0.0.1',
			'--port',
			String(port),
			'--dir',
			folder,
			'--save',
			'',
			'--appendonly',
			'no',
			'--daemonize',
			'no',
		],
		cwd: folder,
		env: { PATH: process.env.PATH },
		logPath,
		isReady: async () => await answersPing(port),
		readyTimeoutMs: 30_000,
	});
	return {
		host: '127.0.0.1',
		port,
		version,
		pid: server.pid,
		logPath,
		n8nEnvironment: () => ({
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(port),
		}),
		stop: () => server.stop(),
	};
}

/** Whether Redis answers PING with PONG. */
async function answersPing(port: number): Promise<boolean> {
	return await new Promise((resolveReady) => {
		const socket = connect(port, '127.0.0.1');
		let reply = '';
		const done = (ready: boolean) => {
			socket.destroy();
			resolveReady(ready);
		};
		socket.setTimeout(2_000, () => done(false));
		socket.once('error', () => done(false));
		socket.once('connect', () => socket.write('PING\r\n'));
		socket.on('data', (chunk: Buffer) => {
			reply += chunk.toString();
			if (reply.includes('\r\n')) done(reply.startsWith('+PONG'));
		});
	});
}
