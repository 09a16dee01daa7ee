import { describe, expect, it } from 'vitest';

import {
	deriveIdempotencyKey,
	deriveRerunSafeKey,
	describeIdempotencyKeyProblem,
} from '../../../../nodes/shared/transport/idempotency';

const scope = {
	workflowId: 'wf1',
	executionId: '42',
	nodeId: 'node-a',
	runIndex: 0,
	itemIndex: 3,
	operation: 'transfer.create',
};

describe('deriveIdempotencyKey', () => {
	it('is deterministic and Stripe-sized', () => {
		const key = deriveIdempotencyKey(scope);
		expect(key).toBe(deriveIdempotencyKey({ ...scope }));
		expect(key).toMatch(/^n8n-[0-9a-f]{40}$/);
	});

	it.each([
		['workflowId', 'wf2'],
		['executionId', '43'],
		['nodeId', 'node-b'],
		['runIndex', 1],
		['itemIndex', 4],
		['operation', 'payout.create'],
	])('changes when %s changes', (field, value) => {
		expect(deriveIdempotencyKey({ ...scope, [field]: value })).not.toBe(
			deriveIdempotencyKey(scope),
		);
	});

	it('does not let parts run into each other', () => {
		expect(deriveIdempotencyKey({ ...scope, workflowId: 'a', executionId: 'bc' })).not.toBe(
			deriveIdempotencyKey({ ...scope, workflowId: 'ab', executionId: 'c' }),
		);
	});
});

describe('describeIdempotencyKeyProblem', () => {
	it('accepts printable keys up to 255 characters', () => {
		expect(describeIdempotencyKeyProblem('order-42:payout')).toBeUndefined();
		expect(describeIdempotencyKeyProblem('k'.repeat(255))).toBeUndefined();
	});

	it('rejects long keys and whitespace', () => {
		expect(describeIdempotencyKeyProblem('k'.repeat(256))).toContain('longer than 255');
		expect(describeIdempotencyKeyProblem('a b')).toContain('printable');
	});
});

describe('deriveRerunSafeKey', () => {
	const where = {
		workflowId: 'wf1',
		nodeId: 'node-a',
		runIndex: 0,
		itemIndex: 3,
		operation: 'transfer.create',
	};
	const request = { method: 'POST' as const, path: '/v1/transfers' };
	const body = 'destination=acct_1&amount=500&currency=usd';

	it('is the same for the same item in any execution, and Stripe-sized', () => {
		const key = deriveRerunSafeKey(where, request, body);
		expect(key).toBe(deriveRerunSafeKey({ ...where }, { ...request }, body));
		expect(key).toMatch(/^n8n-[0-9a-f]{40}$/);
		expect(key).not.toBe(deriveIdempotencyKey({ ...where, executionId: '' }));
	});

	it.each([
		['workflowId', { ...where, workflowId: 'wf2' }, request, body],
		['nodeId', { ...where, nodeId: 'node-b' }, request, body],
		['runIndex', { ...where, runIndex: 1 }, request, body],
		['itemIndex', { ...where, itemIndex: 4 }, request, body],
		['operation', { ...where, operation: 'payout.create' }, request, body],
		['path', where, { ...request, path: '/v1/payouts' }, body],
		['Stripe-Account', where, { ...request, stripeAccount: 'acct_9' }, body],
		['Stripe-Context', where, { ...request, stripeContext: 'acct_9' }, body],
		['body', where, request, 'destination=acct_1&amount=501&currency=usd'],
	])('changes when the %s changes', (_, otherWhere, otherRequest, otherBody) => {
		expect(deriveRerunSafeKey(otherWhere, otherRequest, otherBody)).not.toBe(
			deriveRerunSafeKey(where, request, body),
		);
	});
});
