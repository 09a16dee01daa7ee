/**
 * The Stripe Connect action node inside one real n8n 2.41.1 process (SQLite): workflows covering every
 * resource are imported and run with `n8n execute` against the sandbox, with the package installed
 * from its `npm pack` tarball. The scenarios (actionScenarios.ts) assert outputs and every request on
 * the wire; queue-mode.e2e.test.ts runs the same scenarios on a queue-mode worker.
 */
import { join } from 'node:path';

import { afterAll, beforeAll, describe } from 'vitest';

import { startSandbox } from '../../stripe-sandbox';
import type { StripeSandbox } from '../../stripe-sandbox';
import { actionScenarioTests, fixtureValues, seedActionSandbox } from './actionScenarios';
import type { ActionContext } from './actionScenarios';
import { loadWorkflow, prepareN8n, stripeCredential } from './support';
import type { E2eN8n } from './support';

describe('the Stripe Connect package in a real n8n', () => {
	let sandbox: StripeSandbox;
	let instance: E2eN8n;
	let context: ActionContext;

	beforeAll(async () => {
		sandbox = await startSandbox();
		const ids = seedActionSandbox(sandbox);
		instance = await prepareN8n();
		await instance.n8n.importCredentials([stripeCredential(sandbox)]);
		context = {
			sandbox,
			...ids,
			async runFixture(file, folder) {
				const workflow = loadWorkflow(join(folder, file), fixtureValues(ids, sandbox.url));
				await instance.n8n.importWorkflow(workflow);
				sandbox.clearRequests();
				const run = await instance.n8n.execute(workflow.id);
				return { run, requests: sandbox.requests() };
			},
		};
	});

	afterAll(async () => {
		await instance?.dispose();
		await sandbox?.close();
	});

	actionScenarioTests(() => context);
});
