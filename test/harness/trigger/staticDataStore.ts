import type { IDataObject, Workflow } from 'n8n-workflow';

/**
 * Workflow static data as n8n's database holds it, shared by every n8n process that serves the
 * workflow. It models n8n 2.41.1's handling of a production webhook request (read in the published
 * n8n package, dist/webhooks/live-webhooks.js, dist/webhooks/webhook-helpers.js and
 * dist/workflows/workflow-static-data.service.js; packages/cli/src/… in n8n-io/n8n):
 * - LiveWebhooks.executeWebhook loads the workflow, static data included, from the database for
 *   every request (loadWebhookExecutionData) and builds a new Workflow around that copy;
 * - several awaits follow (OwnershipService.getWorkflowProjectCached, WorkflowExecuteAdditionalData
 *   .getBase, parseRequestBody) before WebhookService.runWebhook calls the node's webhook(), so
 *   requests that arrive together have all loaded before any runs the node. `overlapNext(n)`
 *   reproduces that interleaving for the next n requests; without it a request loads, runs and saves
 *   before the next loads (the interleaving that hides the problem);
 * - when webhook() returns (for an onReceived webhook that left the answer to n8n: once the
 *   execution was accepted, never when it could not start), executeWebhook calls the response
 *   callback, which saves the copy with
 *   WorkflowStaticDataService.saveStaticData: only when the copy's `__dataChanged` is set, the whole
 *   object, in an UPDATE without any condition: the last save wins. No request waits for another's
 *   save; on Postgres two saves on two pool connections may land in either order, which
 *   `saveOrder: 'reversed'` reproduces.
 */
export class WorkflowStaticDataStore {
	/** The saved static data: what the next request or activation loads. */
	data: IDataObject;

	private round: OverlapRound | undefined;

	constructor(initial: IDataObject = {}) {
		this.data = structuredClone(initial);
	}

	/**
	 * Makes the next `requests` webhook requests (of any process using this store) each load the
	 * static data before any of them runs the node, as concurrent requests do in n8n. With
	 * `saveOrder: 'reversed'` their saves are held until all returned and then land last-first.
	 */
	overlapNext(requests: number, options: { saveOrder?: 'as-returned' | 'reversed' } = {}): void {
		let open: () => void = () => {};
		const allLoaded = new Promise<void>((resolve) => (open = resolve));
		this.round = {
			size: requests,
			loaded: 0,
			left: 0,
			allLoaded,
			open,
			saveOrder: options.saveOrder ?? 'as-returned',
			heldSaves: [],
		};
	}

	/** A request loads the static data (LiveWebhooks.loadWebhookExecutionData). */
	load(): { staticData: IDataObject; round: OverlapRound | undefined } {
		const round = this.round;
		const staticData = structuredClone(this.data);
		if (round !== undefined) {
			round.loaded += 1;
			if (round.loaded === round.size) {
				this.round = undefined;
				round.open();
			}
		}
		return { staticData, round };
	}

	/** The request reaches webhook(): in an overlapping round, once every request of it has loaded. */
	async untilHandling(round: OverlapRound | undefined): Promise<void> {
		if (round !== undefined) await round.allLoaded;
	}

	/**
	 * The request's webhook() returned (or threw): save its copy when n8n would (`__dataChanged`),
	 * whole, replacing what is stored; in a reversed round, once all requests of the round returned.
	 */
	save(round: OverlapRound | undefined, workflow: Workflow | undefined): void {
		const staticData = workflow?.staticData as
			| (IDataObject & { __dataChanged?: boolean })
			| undefined;
		const saved =
			staticData?.__dataChanged === true
				? (JSON.parse(JSON.stringify(staticData)) as IDataObject)
				: undefined;
		const write = () => {
			if (saved !== undefined) this.data = saved;
		};
		if (round === undefined || round.saveOrder === 'as-returned') {
			write();
			return;
		}
		round.heldSaves.push(write);
		round.left += 1;
		if (round.left === round.size) for (const held of round.heldSaves.reverse()) held();
	}
}

interface OverlapRound {
	size: number;
	loaded: number;
	left: number;
	allLoaded: Promise<void>;
	open: () => void;
	saveOrder: 'as-returned' | 'reversed';
	heldSaves: Array<() => void>;
}
