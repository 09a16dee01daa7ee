/**
 * A real n8n (the release this package supports, on Node 24) on loopback, in its own user folder:
 * its CLI, its server as a child process and its REST API as the owner. Used by the end-to-end suite
 * and by `npm start`. Every process started here is stopped by its own process id.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { ManagedProcess } from './managedProcess';
import type { N8nInstall, N8nOwner } from './n8nInstall';
import { N8nRestApi } from './n8nRestApi';
import { parseRawOutput } from './n8nRunData';
import type { N8nRunData } from './n8nRunData';

const execFileAsync = promisify(execFile);

/**
 * Which n8n process an instance runs: `n8n start` (the main: editor, REST API, activation and webhook
 * registration), or in queue mode `n8n worker` (runs executions) or `n8n webhook` (receives
 * production webhooks).
 */
export type N8nRole = 'main' | 'worker' | 'webhook';

const COMMAND_OF_ROLE: Record<N8nRole, string> = {
	main: 'start',
	worker: 'worker',
	webhook: 'webhook',
};

/** Settings of one local n8n instance. */
export interface LocalN8nOptions {
	install: N8nInstall;
	userFolder: string;
	/** The HTTP port: the editor and webhooks (main, webhook), or the health check (worker). */
	port: number;
	runnersBrokerPort: number;
	owner?: N8nOwner;
	/** Default `main`. */
	role?: N8nRole;
	/**
	 * Where production webhooks are received (WEBHOOK_URL): the URL the trigger registers at Stripe.
	 * Default: this instance's own URL. In queue mode, the webhook processor's URL.
	 */
	webhookBaseUrl?: string;
	/** The editor's URL (N8N_EDITOR_BASE_URL). Default: this instance's own URL. */
	editorBaseUrl?: string;
	/** Extra environment (for example N8N_LOG_LEVEL, or the database and queue settings). */
	env?: Record<string, string>;
}

/**
 * A real n8n instance in its own user folder: CLI commands, its server as a child process, and (from
 * N8nRestApi) its REST API as the owner.
 */
export class LocalN8n extends N8nRestApi {
	private server?: ManagedProcess;

	constructor(private readonly options: LocalN8nOptions) {
		super(`http://127.0.0.1:${options.port}`, options.owner);
	}

	/** Which n8n process this instance runs. */
	get role(): N8nRole {
		return this.options.role ?? 'main';
	}

	/** The production webhook URL of a trigger node, where Stripe is told to deliver. */
	webhookUrl(webhookId: string, path: string): string {
		return `${this.webhookBaseUrl}webhook/${webhookId}/${path}`;
	}

	/** WEBHOOK_URL, with its trailing slash. */
	get webhookBaseUrl(): string {
		return this.options.webhookBaseUrl ?? `${this.baseUrl}/`;
	}

	/** Where the server process writes its output. */
	get serverLogPath(): string {
		return join(this.options.userFolder, 'n8n-server.log');
	}

	/** The server's process id, while it runs. */
	get pid(): number | undefined {
		return this.server?.running ? this.server.pid : undefined;
	}

	/** What the server process has logged so far. */
	serverLog(): string {
		return this.server?.log() ?? '';
	}

	/** The environment every n8n command of this instance runs with. */
	environment(): NodeJS.ProcessEnv {
		const { install, userFolder, port, runnersBrokerPort, owner, env } = this.options;
		// Every process reads the same settings; the worker's HTTP port only serves its health check.
		return {
			PATH: `${join(install.dir, 'node', 'bin')}:${process.env.PATH ?? ''}`,
			HOME: process.env.HOME,
			TMPDIR: process.env.TMPDIR,
			N8N_USER_FOLDER: userFolder,
			N8N_PORT: String(port),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			N8N_PROTOCOL: 'http',
			WEBHOOK_URL: this.webhookBaseUrl,
			N8N_EDITOR_BASE_URL: this.options.editorBaseUrl ?? `${this.baseUrl}/`,
			...(this.role === 'worker'
				? {
						QUEUE_HEALTH_CHECK_ACTIVE: 'true',
						QUEUE_HEALTH_CHECK_PORT: String(port),
						N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
					}
				: {}),
			N8N_RUNNERS_BROKER_PORT: String(runnersBrokerPort),
			N8N_SECURE_COOKIE: 'false',
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_HIRING_BANNER_ENABLED: 'false',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
			...(owner
				? {
						N8N_INSTANCE_OWNER_MANAGED_BY_ENV: 'true',
						N8N_INSTANCE_OWNER_EMAIL: owner.email,
						N8N_INSTANCE_OWNER_FIRST_NAME: 'Demo',
						N8N_INSTANCE_OWNER_LAST_NAME: 'Owner',
						N8N_INSTANCE_OWNER_PASSWORD_HASH: owner.passwordHash,
					}
				: {}),
			...env,
		};
	}

	/** Runs one n8n CLI command to completion and returns its output; throws with the output on failure. */
	async cli(args: string[]): Promise<{ stdout: string; stderr: string }> {
		const { install, userFolder } = this.options;
		try {
			return await execFileAsync(install.nodeBinary, [install.n8nEntry, ...args], {
				cwd: userFolder,
				env: this.environment(),
				maxBuffer: 256 * 1024 * 1024,
			});
		} catch (error) {
			const failure = error as Error & { stdout?: string; stderr?: string };
			throw new Error(
				`n8n ${args.join(' ')} failed: ${failure.message}\n--- stdout ---\n${failure.stdout ?? ''}\n--- stderr ---\n${failure.stderr ?? ''}`,
			);
		}
	}

	/** Imports credentials (plaintext `data`, encrypted by n8n on import). */
	async importCredentials(credentials: object[]): Promise<void> {
		const file = join(
			this.options.userFolder,
			`credentials-${randomBytes(4).toString('hex')}.json`,
		);
		writeFileSync(file, JSON.stringify(credentials));
		try {
			await this.cli(['import:credentials', `--input=${file}`]);
		} finally {
			// The file holds the secret key in plaintext; n8n keeps only the encrypted copy.
			rmSync(file, { force: true });
		}
	}

	/** Imports one workflow JSON (it must carry its `id`). */
	async importWorkflow(workflow: { id: string }): Promise<void> {
		const file = join(this.options.userFolder, `workflow-${workflow.id}.json`);
		writeFileSync(file, JSON.stringify(workflow));
		await this.cli(['import:workflow', `--input=${file}`]);
	}

	/** Publishes (activates) a workflow so `n8n start` registers its triggers. */
	async publishWorkflow(id: string): Promise<void> {
		await this.cli(['publish:workflow', `--id=${id}`]);
	}

	/** Runs a workflow with `n8n execute --rawOutput` and returns the run data. */
	async execute(id: string): Promise<N8nRunData> {
		let output: { stdout: string; stderr: string };
		try {
			output = await this.cli(['execute', `--id=${id}`, '--rawOutput']);
		} catch (error) {
			// A failing node makes `execute` exit non-zero but still print the run data.
			const message = (error as Error).message;
			const parsed = parseRawOutput(message.slice(message.indexOf('--- stdout ---')));
			if (parsed) return parsed;
			throw error;
		}
		const parsed = parseRawOutput(output.stdout);
		if (!parsed) {
			throw new Error(
				`n8n execute --id=${id} printed no run data:\n${output.stdout}\n${output.stderr}`,
			);
		}
		return parsed;
	}

	/** Starts the server (`n8n start`, `n8n worker` or `n8n webhook`) and resolves once it is ready. */
	async start(readyTimeoutMs = 180_000): Promise<void> {
		const { install, userFolder } = this.options;
		const readinessUrl = `${this.baseUrl}/healthz/readiness`;
		this.server = await ManagedProcess.start({
			label: `n8n ${COMMAND_OF_ROLE[this.role]}`,
			command: install.nodeBinary,
			args: [install.n8nEntry, COMMAND_OF_ROLE[this.role]],
			cwd: userFolder,
			env: this.environment(),
			logPath: this.serverLogPath,
			isReady: async () => (await fetch(readinessUrl)).ok,
			readyTimeoutMs,
		});
	}

	/** Stops the server by its process id (SIGTERM, then SIGKILL to its group after 20 s). */
	async stop(): Promise<void> {
		const server = this.server;
		this.server = undefined;
		this.signOut();
		await server?.stop();
	}
}
