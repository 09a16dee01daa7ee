import { describe, expect, it } from 'vitest';

import {
	deriveIdempotencyKey,
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
