/**
 * The example workflows of examples/, and how the demo and the browser checks load them into a
 * running n8n: through its REST API as the owner, with the credential it was given.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

import type { LocalN8n } from './localN8n';
import { REPO_ROOT } from './repository';

/** The type name of the package's credential. */
export const CREDENTIAL_TYPE = 'stripeConnectApi';

const TRIGGER_TYPE = 'n8n-nodes-stripe-connect.stripeConnectTrigger';

/** A workflow file of examples/, in n8n's export format. */
export interface ExampleWorkflow {
	id: string;
	name: string;
	nodes: Array<{
		name: string;
		type: string;
		credentials?: Record<string, { id: string; name: string }>;
		[key: string]: unknown;
	}>;
	connections: Record<string, unknown>;
	settings?: Record<string, unknown>;
	[key: string]: unknown;
}

/** The example workflows, in file-name order. */
export function readExamples(): ExampleWorkflow[] {
	const folder = join(REPO_ROOT, 'examples');
	return readdirSync(folder)
		.filter((name) => name.endsWith('.json'))
		.sort()
		.map((name) => JSON.parse(readFileSync(join(folder, name), 'utf8')) as ExampleWorkflow);
}

/** Whether a workflow starts with the Stripe Connect Trigger (and so runs once published). */
export function startsWithTrigger(workflow: ExampleWorkflow): boolean {
	return workflow.nodes.some((node) => node.type === TRIGGER_TYPE);
}

/** The workflow with every Stripe Connect credential reference pointing at `credential`. */
export function withCredential(
	workflow: ExampleWorkflow,
	credential: { id: string; name: string },
): ExampleWorkflow {
	return {
		...workflow,
		nodes: workflow.nodes.map((node) =>
			node.credentials?.[CREDENTIAL_TYPE]
				? { ...node, credentials: { ...node.credentials, [CREDENTIAL_TYPE]: credential } }
				: node,
		),
	};
}

/** The Stripe Connect API credential's fields. */
export interface StripeCredentialData {
	secretKey: string;
	apiVersion: string;
	baseUrl: string;
}

/**
 * Saves the credential and the examples in a running n8n (REST API, as the owner) and publishes
 * the ones that start with the trigger when `publishTriggers` is set. Returns the credential.
 */
export async function addExamples(
	n8n: LocalN8n,
	credential: { name: string; data: StripeCredentialData },
	options: { publishTriggers: boolean; examples?: ExampleWorkflow[] },
): Promise<{ id: string; name: string }> {
	const saved = await n8n.rest<{ id: string; name: string }>('POST', '/credentials', {
		name: credential.name,
		type: CREDENTIAL_TYPE,
		data: credential.data,
	});
	for (const example of options.examples ?? readExamples()) {
		const workflow = await n8n.rest<{ id: string; versionId: string }>(
			'POST',
			'/workflows',
			withCredential(example, { id: saved.id, name: saved.name }),
		);
		if (options.publishTriggers && startsWithTrigger(example)) {
			await n8n.rest('POST', `/workflows/${workflow.id}/activate`, {
				versionId: workflow.versionId,
			});
		}
	}
	return { id: saved.id, name: saved.name };
}
