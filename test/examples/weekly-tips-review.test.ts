/**
 * The JavaScript of the Weekly tips example's _Transfer Results_ Code node, run in a `node:vm`
 * context with the two helpers of n8n's Code node it uses (`$input.all()` and
 * `$('Preview Transfers').itemMatching(index)`) given plain items. This covers the mix a re-run after
 * a half-finished batch produces (paid now, already paid, not paid in one run); how the node runs in
 * n8n's task runner, with real replays from the sandbox, is checked in test/e2e/ (actionScenarios.ts
 * and ui/editor.e2e.test.ts).
 */
import { runInNewContext } from 'node:vm';

import { describe, expect, it } from 'vitest';

import { readExamples } from '../../scripts/lib/exampleWorkflows';

type Json = Record<string, unknown>;

function transferResultsCode(): string {
	const workflow = readExamples().find((example) => example.name === 'Weekly tips review');
	const node = workflow?.nodes.find((candidate) => candidate.name === 'Transfer Results');
	expect(node?.parameters).toMatchObject({ mode: 'runOnceForAllItems' });
	return String((node?.parameters as { jsCode: string }).jsCode);
}

/** Runs the node's code on Create Tip Transfers' items, each paired with the preview at its index. */
function runTransferResults(
	planned: Json[],
	answers: Json[],
): Array<{ json: Json; pairedItem: unknown }> {
	const $input = { all: () => answers.map((json) => ({ json })) };
	const $ = (name: string) => {
		if (name !== 'Preview Transfers') throw new Error(`The code reads an unexpected node: ${name}`);
		return { itemMatching: (index: number) => ({ json: planned[index] }) };
	};
	return runInNewContext(`(() => {\n${transferResultsCode()}\n})()`, { $input, $ }) as Array<{
		json: Json;
		pairedItem: unknown;
	}>;
}

const preview = (destination: string, currency: string, amount: number): Json => ({
	destination,
	currency,
	amount,
	tips: 2,
	idempotencyKey: `tips-2026-W48-${destination}-${currency}`,
});

describe("the Weekly tips example's Transfer Results", () => {
	it('tells paid now, already paid by an earlier run and not paid apart, and counts them', () => {
		const planned = [
			preview('acct_1Baker', 'usd', 950),
			preview('acct_1Closed', 'usd', 150),
			preview('acct_1Sushi', 'jpy', 300),
		];
		const out = runTransferResults(planned, [
			{
				id: 'tr_1New',
				object: 'transfer',
				_stripe: { idempotencyKey: 'k1', idempotentReplayed: false, requestId: 'req_1' },
			},
			{
				error:
					'Your destination account needs to have at least one of the following capabilities enabled: transfers',
			},
			{
				id: 'tr_1Earlier',
				object: 'transfer',
				_stripe: { idempotencyKey: 'k3', idempotentReplayed: true, requestId: 'req_3' },
			},
		]);

		const summary = '1 paid now, 1 already paid by an earlier run, 1 not paid';
		expect(out.map(({ json }) => json)).toEqual([
			{
				recipient: 'acct_1Baker',
				amount: 950,
				currency: 'usd',
				idempotencyKey: 'tips-2026-W48-acct_1Baker-usd',
				status: 'paid',
				result: '$9.50 paid to acct_1Baker (tr_1New).',
				transfer: 'tr_1New',
				summary,
			},
			{
				recipient: 'acct_1Closed',
				amount: 150,
				currency: 'usd',
				idempotencyKey: 'tips-2026-W48-acct_1Closed-usd',
				status: 'not paid',
				result:
					'$1.50 to acct_1Closed was NOT paid: Your destination account needs to have at least one of the following capabilities enabled: transfers. Fix it and run again: recipients already paid are not paid twice.',
				summary,
			},
			{
				recipient: 'acct_1Sushi',
				amount: 300,
				currency: 'jpy',
				idempotencyKey: 'tips-2026-W48-acct_1Sushi-jpy',
				status: 'already paid',
				result:
					'¥300 to acct_1Sushi: already paid by an earlier run (tr_1Earlier), no money moved.',
				transfer: 'tr_1Earlier',
				summary,
			},
		]);
		expect(out.map(({ pairedItem }) => pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
		]);
	});

	it('counts a whole re-run as already paid, with nothing paid now', () => {
		const planned = [preview('acct_1Baker', 'usd', 950), preview('acct_1Sushi', 'jpy', 300)];
		const replayed = (id: string) => ({
			id,
			object: 'transfer',
			_stripe: { idempotencyKey: id, idempotentReplayed: true, requestId: 'req_1' },
		});
		const out = runTransferResults(planned, [replayed('tr_1A'), replayed('tr_1B')]);

		expect(out.map(({ json }) => [json.status, json.summary])).toEqual([
			['already paid', '0 paid now, 2 already paid by an earlier run, 0 not paid'],
			['already paid', '0 paid now, 2 already paid by an earlier run, 0 not paid'],
		]);
	});
});
