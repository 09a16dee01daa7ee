/**
 * Runs a real n8n (the release this package supports, on Node 24) on loopback with this package
 * installed the way a community-package install places it. Used by the end-to-end suite and by
 * `npm start`. Every process started here is stopped by its own process id.
 */
import { execFile, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
	closeSync,
	mkdirSync,
	mkdtempSync,
	openSync,
	readFileSync,
	readdirSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/** The repository root (this file lives in scripts/lib/). */
export const REPO_ROOT = resolve(__dirname, '..', '..');

/** The npm package name, which n8n uses as the prefix of our node types. */
export const PACKAGE_NAME = 'n8n-nodes-stripe-connect';

/** Where a cached n8n install lives: Node 24 and n8n side by side. */
export interface N8nInstall {
	dir: string;
	nodeBinary: string;
	n8nEntry: string;
}

/** Installs (first time) or finds (afterwards) the cached Node 24 + n8n, via scripts/ensure-n8n.sh. */
export async function ensureN8nInstalled(): Promise<N8nInstall> {
	const dir = await new Promise<string>((resolvePath, reject) => {
		// stderr is passed through: a cold install takes minutes and its progress should be visible.
		const child = spawn('bash', [join(REPO_ROOT, 'scripts', 'ensure-n8n.sh')], {
			stdio: ['ignore', 'pipe', 'inherit'],
		});
		let stdout = '';
		child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
		child.on('error', reject);
		child.on('exit', (code) =>
			code === 0
				? resolvePath(stdout.trim().split('\n').pop() ?? '')
				: reject(new Error(`scripts/ensure-n8n.sh failed with exit code ${code}`)),
		);
	});
	return {
		dir,
		nodeBinary: join(dir, 'node', 'bin', 'node'),
		n8nEntry: join(dir, 'n8n', 'node_modules', 'n8n', 'bin', 'n8n'),
	};
}

/** Builds the package and packs it with `npm pack`; returns the tarball path inside `outDir`. */
export async function buildPackageTarball(outDir: string): Promise<string> {
	mkdirSync(outDir, { recursive: true });
	try {
		await execFileAsync('npm', ['run', 'build', '--silent'], {
			cwd: REPO_ROOT,
			maxBuffer: 64 * 1024 * 1024,
		});
	} catch (error) {
		// n8n-node build prints a spinner; keep only the compiler's own lines.
		const output = `${(error as { stdout?: string }).stdout ?? ''}${(error as { stderr?: string }).stderr ?? ''}`;
		const problems = output
			.split(/[\n,]/)
			.filter((line) => /error TS\d+|error:/i.test(line))
			.map((line) => line.replace(/^[\s│■]+/, '').trim());
		throw new Error(`npm run build failed:\n${problems.join('\n') || output}`);
	}
	await execFileAsync('npm', ['pack', '--silent', '--pack-destination', outDir], {
		cwd: REPO_ROOT,
		maxBuffer: 64 * 1024 * 1024,
	});
	const tarball = readdirSync(outDir).find(
		(name) => name.startsWith(`${PACKAGE_NAME}-`) && name.endsWith('.tgz'),
	);
	if (!tarball) throw new Error(`npm pack wrote no ${PACKAGE_NAME}-*.tgz into ${outDir}`);
	return join(outDir, tarball);
}

/**
 * Unpacks the tarball where n8n's community-package installer puts it:
 * `<N8N_USER_FOLDER>/.n8n/nodes/node_modules/<package>`. The package has no runtime dependencies, so
 * unpacking is exactly what `npm install` would leave there.
 */
export async function installPackageTarball(tarball: string, userFolder: string): Promise<string> {
	const nodesDir = join(userFolder, '.n8n', 'nodes');
	const target = join(nodesDir, 'node_modules', PACKAGE_NAME);
	mkdirSync(target, { recursive: true });
	await execFileAsync('tar', ['-xzf', tarball, '-C', target, '--strip-components=1']);
	// n8n's installer records what it installed in the nodes folder's package.json; do the same.
	const { version } = JSON.parse(readFileSync(join(target, 'package.json'), 'utf8')) as {
		version: string;
	};
	writeFileSync(
		join(nodesDir, 'package.json'),
		JSON.stringify({
			name: 'installed-nodes',
			private: true,
			dependencies: { [PACKAGE_NAME]: version },
		}),
	);
	return target;
}

/** Asks the kernel for a free loopback port. */
export async function findFreePort(): Promise<number> {
	return await new Promise((resolvePort, reject) => {
		const server = createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			server.close(() => resolvePort(port));
		});
	});
}

/** A temp folder that `removeTempFolder` deletes; named so leftovers are recognisable. */
export function makeTempFolder(label: string): string {
	return mkdtempSync(join(tmpdir(), `${PACKAGE_NAME}-${label}-`));
}

/** Removes a folder made by `makeTempFolder`. */
export function removeTempFolder(folder: string): void {
	rmSync(folder, { recursive: true, force: true });
}

/** The owner account n8n creates at start from its N8N_INSTANCE_OWNER_* variables. */
export interface N8nOwner {
	email: string;
	password: string;
	passwordHash: string;
}

/** One item of a node's output as n8n reports it. */
export interface N8nItem {
	json: Record<string, unknown>;
	[key: string]: unknown;
}

/** What `n8n execute --rawOutput` prints: the run's data (per node, runs, outputs, items). */
export interface N8nRunData {
	resultData: {
		error?: { message: string; description?: string; node?: { name: string } };
		runData: Record<
			string,
			Array<{
				error?: { message: string; description?: string };
				data?: { main?: Array<N8nItem[] | null>; ai_tool?: Array<N8nItem[] | null> };
			}>
		>;
		lastNodeExecuted?: string;
	};
}

/** One row of n8n's execution list. */
export interface N8nExecutionSummary {
	id: string;
	workflowId: string;
	status: string;
	mode: string;
	finished?: boolean;
}

/** Settings of one local n8n instance. */
export interface LocalN8nOptions {
	install: N8nInstall;
	userFolder: string;
	port: number;
	runnersBrokerPort: number;
	owner?: N8nOwner;
	/** Extra environment (for example N8N_LOG_LEVEL). */
	env?: Record<string, string>;
}

/** A real n8n instance in its own user folder: CLI commands, and `n8n start` as a child process. */
export class LocalN8n {
	private server?: ChildProcess;

	private serverExit?: Promise<void>;

	private sessionCookie?: string;

	constructor(private readonly options: LocalN8nOptions) {}

	/** The editor (and REST API) base URL. */
	get baseUrl(): string {
		return `http://127.0.0.1:${this.options.port}`;
	}

	/** The production webhook URL of a trigger node. */
	webhookUrl(webhookId: string, path: string): string {
		return `${this.baseUrl}/webhook/${webhookId}/${path}`;
	}

	/** Where `n8n start` writes its output. */
	get serverLogPath(): string {
		return join(this.options.userFolder, 'n8n-server.log');
	}

	/** The environment every n8n command of this instance runs with. */
	environment(): NodeJS.ProcessEnv {
		const { install, userFolder, port, runnersBrokerPort, owner, env } = this.options;
		return {
			PATH: `${join(install.dir, 'node', 'bin')}:${process.env.PATH ?? ''}`,
			HOME: process.env.HOME,
			TMPDIR: process.env.TMPDIR,
			N8N_USER_FOLDER: userFolder,
			N8N_PORT: String(port),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			N8N_PROTOCOL: 'http',
			WEBHOOK_URL: `http://127.0.0.1:${port}/`,
			N8N_EDITOR_BASE_URL: `http://127.0.0.1:${port}/`,
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

	/** Starts `n8n start` and resolves once it answers its readiness check. */
	async start(readyTimeoutMs = 180_000): Promise<void> {
		const { install, userFolder } = this.options;
		const log = openSync(this.serverLogPath, 'a');
		const server = spawn(install.nodeBinary, [install.n8nEntry, 'start'], {
			cwd: userFolder,
			env: this.environment(),
			stdio: ['ignore', log, log],
			// Its own process group, so stop() also reaches the task runner n8n starts.
			detached: true,
		});
		closeSync(log);
		this.server = server;
		this.serverExit = new Promise((resolveExit) => server.once('exit', () => resolveExit()));
		let exited = false;
		void this.serverExit.then(() => (exited = true));
		const deadline = Date.now() + readyTimeoutMs;
		while (Date.now() < deadline) {
			if (exited) throw new Error(`n8n start exited early; see ${this.serverLogPath}`);
			try {
				const response = await fetch(`${this.baseUrl}/healthz/readiness`);
				if (response.ok) return;
			} catch {
				// Not listening yet.
			}
			await new Promise((wake) => setTimeout(wake, 500));
		}
		await this.stop();
		throw new Error(
			`n8n did not become ready within ${readyTimeoutMs} ms; see ${this.serverLogPath}`,
		);
	}

	/** Stops `n8n start` by its process id (SIGTERM, then SIGKILL to its group after 20 s). */
	async stop(): Promise<void> {
		const server = this.server;
		if (!server?.pid || !this.serverExit) return;
		this.server = undefined;
		this.sessionCookie = undefined;
		if (server.exitCode === null && server.signalCode === null) {
			server.kill('SIGTERM');
			const timedOut = await Promise.race([
				this.serverExit.then(() => false),
				new Promise<boolean>((wake) => setTimeout(() => wake(true), 20_000)),
			]);
			if (timedOut) server.kill('SIGKILL');
			await this.serverExit;
		}
		try {
			// The task runner is a child of n8n in the same group; make sure nothing is left behind.
			process.kill(-server.pid, 'SIGKILL');
		} catch {
			// The group is already gone.
		}
	}

	/** Calls n8n's internal REST API as the owner (logs in on first use) and returns its `data`. */
	async rest<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
		const parsed = (await this.requestAsOwner(method, `/rest${path}`, body)) as { data?: T };
		return (parsed.data ?? parsed) as T;
	}

	/** Any n8n URL path as the signed-in owner (for example `/types/nodes.json`), parsed as JSON. */
	async requestAsOwner(method: string, path: string, body?: unknown): Promise<unknown> {
		if (!this.sessionCookie) await this.login();
		const response = await fetch(`${this.baseUrl}${path}`, {
			method,
			headers: {
				cookie: this.sessionCookie ?? '',
				...(body === undefined ? {} : { 'content-type': 'application/json' }),
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		if (!response.ok) throw new Error(`n8n ${method} ${path} answered ${response.status}: ${text}`);
		return JSON.parse(text) as unknown;
	}

	/** Unpublishes a workflow through the REST API, which (unlike stopping n8n) runs its triggers' `delete`. */
	async deactivateWorkflow(id: string): Promise<void> {
		await this.rest('POST', `/workflows/${id}/deactivate`, {});
	}

	/** The executions of a workflow, newest first. */
	async executionsOf(workflowId: string): Promise<N8nExecutionSummary[]> {
		const filter = encodeURIComponent(JSON.stringify({ workflowId }));
		const page = await this.rest<{ results: N8nExecutionSummary[] }>(
			'GET',
			`/executions?filter=${filter}&limit=100`,
		);
		return page.results;
	}

	/** One execution's run data. */
	async executionRun(executionId: string): Promise<N8nRunData> {
		const execution = await this.rest<{ data: string }>('GET', `/executions/${executionId}`);
		return parseFlatted(execution.data) as N8nRunData;
	}

	private async login(): Promise<void> {
		const owner = this.options.owner;
		if (!owner)
			throw new Error(
				'This n8n instance was started without an owner; pass `owner` to call its REST API.',
			);
		const response = await fetch(`${this.baseUrl}/rest/login`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ emailOrLdapLoginId: owner.email, password: owner.password }),
		});
		if (!response.ok)
			throw new Error(`n8n login answered ${response.status}: ${await response.text()}`);
		const cookies = response.headers.getSetCookie().map((cookie) => cookie.split(';')[0]);
		this.sessionCookie = cookies.join('; ');
	}
}

/**
 * Parses what `n8n execute` prints: the run as pretty-printed JSON (a line `{` to a line `}`),
 * possibly between n8n's own log lines.
 */
export function parseRawOutput(stdout: string): N8nRunData | undefined {
	const lines = stdout.split('\n');
	for (let first = 0; first < lines.length; first++) {
		if (lines[first] !== '{') continue;
		for (let last = first + 1; last < lines.length; last++) {
			if (lines[last] !== '}') continue;
			try {
				const parsed = JSON.parse(lines.slice(first, last + 1).join('\n')) as N8nRunData & {
					data?: N8nRunData;
				};
				const run = parsed.resultData ? parsed : parsed.data;
				if (run?.resultData) return run;
			} catch {
				// Not the closing brace of this object yet; try the next one.
			}
		}
	}
	return undefined;
}

/**
 * Decodes the `flatted` format n8n stores execution data in: a JSON array whose first entry is the
 * root, where every string inside an object or array is the index of the entry holding the value.
 */
export function parseFlatted(text: string): unknown {
	const table = JSON.parse(text) as unknown[];
	const revived = new Map<number, unknown>();
	const revive = (index: number): unknown => {
		if (revived.has(index)) return revived.get(index);
		const entry = table[index];
		if (entry === null || typeof entry !== 'object') {
			revived.set(index, entry);
			return entry;
		}
		const copy: Record<string, unknown> | unknown[] = Array.isArray(entry) ? [] : {};
		revived.set(index, copy);
		for (const [key, value] of Object.entries(entry)) {
			(copy as Record<string, unknown>)[key] =
				typeof value === 'string' ? revive(Number(value)) : value;
		}
		return copy;
	};
	return revive(0);
}

/**
 * Makes an owner with a random password, hashed with the bcrypt implementation n8n itself ships
 * (n8n only accepts a bcrypt hash in N8N_INSTANCE_OWNER_PASSWORD_HASH).
 */
export async function makeOwner(
	install: N8nInstall,
	email = 'owner@example.com',
): Promise<N8nOwner> {
	const password = `Demo-${randomBytes(9).toString('base64url')}1`;
	const { stdout } = await execFileAsync(
		install.nodeBinary,
		['-e', 'process.stdout.write(require("bcryptjs").hashSync(process.argv[1], 10))', password],
		{ cwd: join(install.dir, 'n8n', 'node_modules', 'n8n') },
	);
	return { email, password, passwordHash: stdout.trim() };
}
