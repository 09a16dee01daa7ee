/**
 * The example workflows as files: each says what it is for, starts one way, and every Stripe
 * Connect node that moves money sends an Idempotency-Key that a re-run or a duplicate event
 * repeats exactly (derived from the data, never from the execution). How they run is checked in
 * a real n8n: test/e2e/ (actions, trigger, and the browser checks in ui/).
 */
import type { INodeProperties } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { StripeConnect } from '../../nodes/StripeConnect/StripeConnect.node';
import { readExamples, startsWithTrigger } from '../../scripts/lib/exampleWorkflows';

const ACTION_TYPE = 'n8n-nodes-stripe-connect.stripeConnect';
const HAND_STARTS = ['n8n-nodes-base.manualTrigger', 'n8n-nodes-base.scheduleTrigger'];
const STICKY_NOTE = 'n8n-nodes-base.stickyNote';
/** The square n8n's canvas draws a node in, from its position (the top-left corner). */
const NODE_SIZE = 100;

interface Box {
	left: number;
	top: number;
	right: number;
	bottom: number;
}

function boxOf(node: { [key: string]: unknown }, size?: [number, number]): Box {
	const [left, top] = node.position as [number, number];
	const [width, height] = size ?? [NODE_SIZE, NODE_SIZE];
	return { left, top, right: left + width, bottom: top + height };
}

function overlap(a: Box, b: Box): boolean {
	return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

/** `resource/operation` of every operation whose description starts with "MOVES MONEY.". */
function moneyMovingOperations(): Set<string> {
	const found = new Set<string>();
	for (const property of new StripeConnect().description.properties as INodeProperties[]) {
		if (property.name !== 'operation') continue;
		const resources = (property.displayOptions?.show?.resource ?? []) as string[];
		for (const option of property.options ?? []) {
			if (!('value' in option) || !String(option.description ?? '').startsWith('MOVES MONEY.')) {
				continue;
			}
			for (const resource of resources) found.add(`${resource}/${String(option.value)}`);
		}
	}
	return found;
}

describe('the example workflows', () => {
	const examples = readExamples();
	const moneyMoving = moneyMovingOperations();

	it('are the six the README and docs/demo.md describe', () => {
		expect(examples.map((example) => example.name).sort()).toEqual([
			'Dispute desk',
			'Failed-payout alert',
			'Merchant onboarding',
			'Merchant onboarding v2',
			'Merchant ready',
			'Weekly tips review',
		]);
		expect(new Set(examples.map((example) => example.id)).size).toBe(examples.length);
	});

	it('each say on the canvas what they are for', () => {
		for (const example of examples) {
			const notes = example.nodes.filter((node) => node.type === STICKY_NOTE);
			expect(notes, example.name).toHaveLength(1);
			expect(String((notes[0].parameters as { content: string }).content)).toMatch(
				new RegExp(`^## ${example.name}\\n`),
			);
		}
	});

	it('keep their sticky note clear of every node, so no node hides under it', () => {
		for (const example of examples) {
			const [note] = example.nodes.filter((node) => node.type === STICKY_NOTE);
			const { width, height } = note.parameters as { width: number; height: number };
			const noteBox = boxOf(note, [width, height]);
			const covered = example.nodes
				.filter((node) => node.type !== STICKY_NOTE && overlap(noteBox, boxOf(node)))
				.map((node) => node.name);
			expect(covered, example.name).toEqual([]);
		}
	});

	it('skip a payout.failed event seen before with Remove Duplicates on the event id', () => {
		const alert = examples.find((example) => example.name === 'Failed-payout alert');
		const trigger = alert?.nodes.find((node) => startsWithTrigger({ ...alert, nodes: [node] }));
		const connections = alert?.connections[String(trigger?.name)] as {
			main: Array<Array<{ node: string }>>;
		};
		const next = alert?.nodes.find((node) => node.name === connections.main[0][0].node);
		expect(next).toMatchObject({
			type: 'n8n-nodes-base.removeDuplicates',
			parameters: {
				operation: 'removeItemsSeenInPreviousExecutions',
				dedupeValue: '={{ $json.id }}',
				options: { scope: 'workflow' },
			},
		});
	});

	it('onboard with Accounts v2: merchant and recipient, a link, then check until the requirements clear', () => {
		const onboarding = examples.find((example) => example.name === 'Merchant onboarding v2');
		const byName = new Map(onboarding?.nodes.map((node) => [node.name, node]));
		expect(byName.get('Create Account (v2)')?.parameters).toMatchObject({
			resource: 'accountV2',
			operation: 'create',
			configurations: {
				merchant: ['card_payments'],
				recipient: ['stripe_balance.stripe_transfers'],
			},
			options: { idempotencyKey: '=onboard-v2-{{ $json.merchantRef }}' },
		});
		expect(byName.get('Create Onboarding Link (v2)')?.parameters).toMatchObject({
			resource: 'accountLinkV2',
			useCase: 'account_onboarding',
		});
		expect(byName.get('Check Account (v2)')?.parameters).toMatchObject({
			resource: 'accountV2',
			operation: 'get',
			response: { include: expect.arrayContaining(['requirements']) },
		});
		// Not ready yet: the If node's false output goes back to the wait.
		expect(onboarding?.connections['Ready?']).toEqual({
			main: [
				[{ node: 'Merchant Ready', type: 'main', index: 0 }],
				[{ node: 'Wait Before Checking', type: 'main', index: 0 }],
			],
		});
	});

	it('start either by hand or from the Stripe Connect Trigger, never both', () => {
		// n8n's Execute workflow button starts from an app trigger before a manual one, so a workflow
		// with both waits for an event when its user meant to run the manual part.
		for (const example of examples) {
			const handStarted = example.nodes.some((node) => HAND_STARTS.includes(node.type));
			expect([example.name, handStarted && startsWithTrigger(example)]).toEqual([
				example.name,
				false,
			]);
			expect([example.name, handStarted || startsWithTrigger(example)]).toEqual([
				example.name,
				true,
			]);
		}
	});

	it('connect only nodes that exist', () => {
		for (const example of examples) {
			const names = new Set(example.nodes.map((node) => node.name));
			expect(names.size, example.name).toBe(example.nodes.length);
			for (const [from, outputs] of Object.entries(example.connections)) {
				expect(names.has(from), `${example.name}: ${from}`).toBe(true);
				const targets = Object.values(outputs as Record<string, Array<Array<{ node: string }>>>)
					.flat(2)
					.map((connection) => connection.node);
				for (const target of targets) {
					expect(names.has(target), `${example.name}: ${from} → ${target}`).toBe(true);
				}
			}
		}
	});

	it('give every money move an Idempotency-Key derived from the data, not the execution', () => {
		expect(moneyMoving.size).toBeGreaterThan(5);
		const moves = examples.flatMap((example) =>
			example.nodes
				.filter((node) => node.type === ACTION_TYPE)
				.map((node) => ({
					example: example.name,
					node,
					parameters: node.parameters as Record<string, unknown>,
				}))
				.filter(({ parameters }) =>
					moneyMoving.has(`${String(parameters.resource)}/${String(parameters.operation)}`),
				),
		);
		expect(moves.map(({ example, node }) => `${example}: ${node.name}`).sort()).toEqual([
			'Dispute desk: Recover From Seller',
			'Weekly tips review: Create Tip Transfers',
		]);
		for (const { example, node, parameters } of moves) {
			const key = String(
				(parameters.options as { idempotencyKey?: string } | undefined)?.idempotencyKey ?? '',
			);
			expect(key, `${example}: ${node.name}`).toMatch(/^=.*\{\{.+\}\}/);
			expect(key, `${example}: ${node.name}`).not.toMatch(
				/\$execution|\$runIndex|\$now|\$today|Math\.random/,
			);
		}
	});
});
