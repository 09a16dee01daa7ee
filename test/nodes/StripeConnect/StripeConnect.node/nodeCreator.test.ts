/**
 * What n8n's node creator shows for the package. The editor (n8n 2.41, NodeCreator
 * useActionsGenerator.generateMergedNodesAndActions) merges a trigger into the action node whose
 * type name is the trigger's without "Trigger", when that node has actions: one entry with the action
 * node's name, icon and codex, both nodes' actions, and the TRIGGER's description. So the trigger's
 * description is what a user reads for the whole "Stripe Connect" entry.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { StripeConnect } from '../../../../nodes/StripeConnect/StripeConnect.node';
import { StripeConnectTrigger } from '../../../../nodes/StripeConnectTrigger/StripeConnectTrigger.node';
import { PACKAGE_NAME } from '../../../harness/runWorkflow';

const action = new StripeConnect().description;
const trigger = new StripeConnectTrigger().description;
const codex = JSON.parse(
	readFileSync(join(__dirname, '../../../../nodes/StripeConnect/StripeConnect.node.json'), 'utf8'),
) as { node: string; alias: string[] };

/** The entry n8n's node creator builds for the two nodes, by its merge rule (see the file comment). */
function mergedEntry() {
	const actionType = `${PACKAGE_NAME}.${action.name}`;
	const triggerType = `${PACKAGE_NAME}.${trigger.name}`;
	const merges = triggerType.replace('Trigger', '') === actionType;
	return merges
		? { displayName: action.displayName, description: trigger.description, alias: codex.alias }
		: undefined;
}

describe("the Stripe Connect entry in n8n's node creator", () => {
	it('is one entry for the action node and the trigger', () => {
		expect(codex.node).toBe(`${PACKAGE_NAME}.${action.name}`);
		expect(mergedEntry()?.displayName).toBe('Stripe Connect');
	});

	it('describes what the actions do and that workflows start on events', () => {
		const description = mergedEntry()?.description ?? '';

		for (const subject of ['connected accounts', 'payouts', 'transfers', 'refunds', 'disputes']) {
			expect(description).toContain(subject);
		}
		expect(description).toMatch(/start workflows on/);
	});

	it('is found by what people search for the trigger too', () => {
		expect(mergedEntry()?.alias).toEqual(expect.arrayContaining(['Webhook', 'Event']));
	});
});
