/**
 * n8n's internal REST API, called as the instance owner (signed in on first use): what the editor
 * does to create, publish and run workflows and to read their executions.
 */
import type { N8nOwner } from './n8nInstall';
import { parseFlatted } from './n8nRunData';
import type { N8nExecutionSummary, N8nRunData } from './n8nRunData';

/** Execution statuses that can still change. */
export const UNFINISHED_STATUSES = ['new', 'running', 'waiting'];

/** The REST API of one n8n instance, as its owner. */
export class N8nRestApi {
	private sessionCookie?: string;

	constructor(
		/** The base URL: editor and REST API (main), webhooks (webhook processor), health check (worker). */
		readonly baseUrl: string,
		private readonly owner?: N8nOwner,
	) {}

	/** Forgets the session, so the next call signs in again (after the server restarted). */
	protected signOut(): void {
		this.sessionCookie = undefined;
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

	/** Creates a workflow through the REST API, as the editor does, and returns the id n8n gave it. */
	async createWorkflow(workflow: {
		name: string;
		nodes: unknown[];
		connections: unknown;
		settings?: unknown;
	}): Promise<string> {
		const { name, nodes, connections, settings } = workflow;
		const created = await this.rest<{ id: string }>('POST', '/workflows', {
			name,
			nodes,
			connections,
			settings,
		});
		return created.id;
	}

	/** Publishes a workflow on the running main through the REST API: its triggers register now. */
	async activateWorkflow(id: string): Promise<void> {
		const { versionId } = await this.rest<{ versionId: string }>('GET', `/workflows/${id}`);
		await this.rest('POST', `/workflows/${id}/activate`, { versionId });
	}

	/** Runs a workflow from one of its triggers, as "Execute workflow" in the editor does; returns the execution id. */
	async runManually(id: string, triggerName: string): Promise<string> {
		const started = await this.rest<{ executionId?: string; waitingForWebhook?: boolean }>(
			'POST',
			`/workflows/${id}/run`,
			{ triggerToStartFrom: { name: triggerName } },
		);
		if (!started.executionId) {
			throw new Error(
				`n8n did not start workflow ${id} from "${triggerName}": ${JSON.stringify(started)}`,
			);
		}
		return started.executionId;
	}

	/** Waits until an execution is no longer new, running or waiting, and returns its status. */
	async waitForExecution(executionId: string, timeoutMs = 300_000): Promise<string> {
		const deadline = Date.now() + timeoutMs;
		let status = 'unknown';
		while (Date.now() < deadline) {
			({ status } = await this.rest<{ status: string }>('GET', `/executions/${executionId}`));
			if (!UNFINISHED_STATUSES.includes(status)) return status;
			await new Promise((wake) => setTimeout(wake, 250));
		}
		throw new Error(`Execution ${executionId} was still ${status} after ${timeoutMs} ms`);
	}

	/** How many executions a workflow has, and how many of those have not finished. */
	async executionCounts(workflowId: string): Promise<{ total: number; unfinished: number }> {
		const count = async (filter: object) =>
			(
				await this.rest<{ count: number }>(
					'GET',
					`/executions?filter=${encodeURIComponent(JSON.stringify(filter))}&limit=1`,
				)
			).count;
		const [total, unfinished] = await Promise.all([
			count({ workflowId }),
			count({ workflowId, status: UNFINISHED_STATUSES }),
		]);
		return { total, unfinished };
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

	/**
	 * A workflow's executions in the given statuses. n8n pages by id (at most 100 a page) but orders a
	 * page by start time, so a long list can skip rows: the result is checked against n8n's count.
	 */
	async executionsIn(workflowId: string, statuses: string[]): Promise<N8nExecutionSummary[]> {
		const filter = encodeURIComponent(JSON.stringify({ workflowId, status: statuses }));
		const byId = new Map<string, N8nExecutionSummary>();
		let count = 0;
		let cursor: string | null | undefined;
		do {
			const after = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
			const page = await this.rest<{
				results: N8nExecutionSummary[];
				count: number;
				nextCursor?: string | null;
			}>('GET', `/executions?filter=${filter}&limit=100${after}`);
			for (const execution of page.results) byId.set(execution.id, execution);
			count = page.count;
			cursor = page.nextCursor;
		} while (cursor);
		if (byId.size !== count) {
			throw new Error(
				`n8n listed ${byId.size} of the ${count} ${statuses.join('/')} executions of workflow ${workflowId}`,
			);
		}
		return [...byId.values()];
	}

	/**
	 * One execution's status, workflow and what n8n stored of it (serialised as n8n keeps it), or
	 * undefined when n8n has no execution of that id.
	 */
	async executionRecord(
		executionId: string,
	): Promise<{ status: string; workflowId: string; data: string } | undefined> {
		try {
			return await this.rest('GET', `/executions/${executionId}`);
		} catch (error) {
			if (error instanceof Error && error.message.includes(' answered 404:')) return undefined;
			throw error;
		}
	}

	/** One execution's run data. */
	async executionRun(executionId: string): Promise<N8nRunData> {
		const execution = await this.executionRecord(executionId);
		if (!execution) throw new Error(`n8n has no execution ${executionId}`);
		return parseFlatted(execution.data) as N8nRunData;
	}

	private async login(): Promise<void> {
		const owner = this.owner;
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
