/**
 * n8n in queue mode on loopback, laid out as in production: PostgreSQL shared by every process, Redis as
 * the queue, one main (editor, REST API, activation — it registers the trigger's endpoints at Stripe),
 * one webhook processor (`n8n webhook`, behind WEBHOOK_URL: where Stripe delivers) and one worker
 * (`n8n worker`, runs every execution). Each n8n process has its own user folder with this package
 * unpacked from its `npm pack` tarball, as separate machines would. Used by the queue-mode end-to-end
 * suite and by `npm start -- --queue`. Everything is started and stopped by process id.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { findFreePort } from './freePort';
import { LocalN8n } from './localN8n';
import type { N8nRole } from './localN8n';
import type { N8nInstall, N8nOwner } from './n8nInstall';
import { installPackageTarball } from './packageTarball';
import { makeTempFolder, removeTempFolder } from './tempFolder';
import { ensurePostgresInstalled, startPostgres } from './postgres';
import type { LocalPostgres, PostgresInstall } from './postgres';
import { startRedis } from './redis';
import type { LocalRedis } from './redis';

/** Settings for `startQueueMode`. */
export interface QueueModeOptions {
	n8nInstall: N8nInstall;
	/** Default: the cached binaries of scripts/ensure-postgres.sh (installed on first use). */
	postgresInstall?: PostgresInstall;
	/** The package tarball (`npm pack`) installed into every n8n process's user folder. */
	packageTarball: string;
	/** The owner the main creates at start (needed for the REST API). */
	owner?: N8nOwner;
	/** Fixed ports for the two HTTP entry points; free ports otherwise. */
	ports?: { main?: number; webhook?: number };
	/** Extra environment for every n8n process (for example N8N_LOG_LEVEL). */
	env?: Record<string, string>;
	/**
	 * Runs once PostgreSQL and Redis are up and before any n8n process starts, with the main's CLI at
	 * hand: import credentials and workflows here (`n8n import:*` runs the database migrations).
	 */
	beforeN8nStarts?: (main: LocalN8n) => Promise<void>;
}

/** Process ids of everything `startQueueMode` started. */
export interface QueueModePids {
	postgres: number;
	redis: number;
	main: number;
	worker: number;
	webhook: number;
}

/** A running queue-mode n8n. */
export interface QueueModeN8n {
	main: LocalN8n;
	worker: LocalN8n;
	webhook: LocalN8n;
	postgres: LocalPostgres;
	redis: LocalRedis;
	urls: {
		/** The editor and REST API (the main). */
		editor: string;
		/** WEBHOOK_URL: the webhook processor, the public URL Stripe calls. */
		webhooks: string;
		/** The worker's health check. */
		workerHealth: string;
	};
	pids(): QueueModePids;
	/** What runs where, one line per process. */
	describe(): string;
	/** Stops the n8n processes, then Redis and PostgreSQL, each by pid, and deletes the folder. */
	stop(): Promise<void>;
}

/**
 * Waits for parts started side by side and registers a stop for each one that started, before
 * rethrowing the first failure: a part that started next to one that failed is stopped too.
 */
async function allStarted<T extends readonly Promise<{ stop(): Promise<void> }>[]>(
	stops: Array<() => Promise<void>>,
	starts: T,
): Promise<{ -readonly [K in keyof T]: Awaited<T[K]> }> {
	const results = await Promise.allSettled(starts);
	for (const result of results) {
		if (result.status === 'fulfilled') stops.push(() => result.value.stop());
	}
	const failure = results.find((result) => result.status === 'rejected');
	if (failure) throw (failure as PromiseRejectedResult).reason;
	return results.map((result) => (result as PromiseFulfilledResult<unknown>).value) as {
		-readonly [K in keyof T]: Awaited<T[K]>;
	};
}

/** Starts PostgreSQL, Redis, the main, then the worker and the webhook processor. */
export async function startQueueMode(options: QueueModeOptions): Promise<QueueModeN8n> {
	const folder = makeTempFolder('queue');
	const stops: Array<() => Promise<void>> = [];
	const stopAll = async () => {
		for (const stop of stops.splice(0).reverse()) {
			try {
				await stop();
			} catch (error) {
				console.error(`Stopping a queue-mode process failed: ${(error as Error).message}`);
			}
		}
		removeTempFolder(folder);
	};
	try {
		const subfolder = (name: string) => {
			const path = join(folder, name);
			mkdirSync(path, { recursive: true });
			return path;
		};
		const [postgres, redis] = await allStarted(stops, [
			startPostgres({
				install: options.postgresInstall ?? (await ensurePostgresInstalled()),
				port: await findFreePort(),
			}),
			startRedis({ folder: subfolder('redis'), port: await findFreePort() }),
		] as const);

		const ports = {
			main: options.ports?.main ?? (await findFreePort()),
			webhook: options.ports?.webhook ?? (await findFreePort()),
			worker: await findFreePort(),
		};
		const editorBaseUrl = `http://127.0.0.1:${ports.main}/`;
		const webhookBaseUrl = `http://127.0.0.1:${ports.webhook}/`;
		const shared: Record<string, string> = {
			...postgres.n8nEnvironment(),
			...redis.n8nEnvironment(),
			EXECUTIONS_MODE: 'queue',
			// Every process must decrypt the same credentials.
			N8N_ENCRYPTION_KEY: randomBytes(24).toString('hex'),
			// Manual runs from the editor go to the workers too (n8n 3's only behaviour).
			OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
			// n8n's default pool of 2 connections makes a webhook processor under a burst wait for a
			// connection until its database health ping times out; it then answers every request 503
			// "Database is not ready!" (measured: 51 of 100 deliveries in 5 s). See docs/deploy.md.
			DB_POSTGRESDB_POOL_SIZE: '10',
			...options.env,
		};
		const makeProcess = async (role: N8nRole, port: number): Promise<LocalN8n> => {
			const userFolder = subfolder(role);
			await installPackageTarball(options.packageTarball, userFolder);
			return new LocalN8n({
				install: options.n8nInstall,
				userFolder,
				port,
				runnersBrokerPort: await findFreePort(),
				owner: role === 'main' ? options.owner : undefined,
				role,
				webhookBaseUrl,
				editorBaseUrl,
				env: shared,
			});
		};
		const main = await makeProcess('main', ports.main);
		const worker = await makeProcess('worker', ports.worker);
		const webhook = await makeProcess('webhook', ports.webhook);

		await options.beforeN8nStarts?.(main);
		// The main first: it migrates the database and is the leader that activates workflows.
		stops.push(() => main.stop());
		await main.start();
		await allStarted(stops, [
			worker.start().then(() => worker),
			webhook.start().then(() => webhook),
		] as const);

		const pids = (): QueueModePids => ({
			postgres: postgres.pid,
			redis: redis.pid,
			main: main.pid ?? -1,
			worker: worker.pid ?? -1,
			webhook: webhook.pid ?? -1,
		});
		const urls = {
			editor: main.baseUrl,
			webhooks: webhookBaseUrl,
			workerHealth: `${worker.baseUrl}/healthz`,
		};
		return {
			main,
			worker,
			webhook,
			postgres,
			redis,
			urls,
			pids,
			describe: () => {
				const pid = pids();
				const { connection } = postgres;
				return [
					`  main               pid ${pid.main}  ${urls.editor}  editor, REST API; activates workflows and registers the trigger's webhook endpoints at Stripe`,
					`  webhook processor  pid ${pid.webhook}  ${urls.webhooks}  WEBHOOK_URL: receives Stripe's deliveries, verifies them and queues executions`,
					`  worker             pid ${pid.worker}  ${urls.workerHealth}  runs every execution (the Stripe Connect node's requests come from here)`,
					`  ${postgres.version.replace(/^postgres \(PostgreSQL\)/, 'PostgreSQL')}    pid ${pid.postgres}  ${connection.host}:${connection.port}, database ${connection.database}`,
					`  Redis ${redis.version.match(/v=(\S+)/)?.[1] ?? ''}        pid ${pid.redis}  ${redis.host}:${redis.port}  the queue`,
				].join('\n');
			},
			stop: stopAll,
		};
	} catch (error) {
		await stopAll();
		throw error;
	}
}
