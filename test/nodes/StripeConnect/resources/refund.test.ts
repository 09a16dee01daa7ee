import { describe, expect, it } from 'vitest';

import type { StripeSandbox } from '../../../../stripe-sandbox';
import {
	expectSingleRequest,
	runFixture,
	runFixtureOk,
	useDestinationCharges,
} from '../support/fixtureRuns';

let sandbox: StripeSandbox;

const charge = useDestinationCharges((started) => ({ sandbox } = started));

describe('Refund', () => {
	it('refunds part of a destination charge, reversing the transfer and the fee', async () => {
		const intent = await charge(5000);

		const [refund] = await runFixtureOk(sandbox, 'refund-create', [{ paymentIntent: intent.id }]);

		expectSingleRequest(sandbox, {
			method: 'POST',
			path: '/v1/refunds',
			rawBody: `payment_intent=${intent.id as string}&amount=1000&reason=requested_by_customer&refund_application_fee=true&reverse_transfer=true&metadata[ticket]=R-1`,
		});
		expect(refund).toMatchObject({
			object: 'refund',
			amount: 1000,
			payment_intent: intent.id,
			status: 'succeeded',
		});
	});

	it('refunds a charge in full', async () => {
		const intent = await charge(2500);

		const [refund] = await runFixtureOk(sandbox, 'refund-create-charge', [
			{ charge: intent.latest_charge },
		]);

		expectSingleRequest(sandbox, {
			method: 'POST',
			path: '/v1/refunds',
			rawBody: `charge=${intent.latest_charge as string}`,
		});
		expect(refund).toMatchObject({ amount: 2500, charge: intent.latest_charge });
	});

	it('gets, lists and updates refunds', async () => {
		const intent = await charge(3000);
		const [refund] = await runFixtureOk(sandbox, 'refund-create', [{ paymentIntent: intent.id }]);
		sandbox.clearRequests();

		const [fetched] = await runFixtureOk(sandbox, 'refund-get', [{ refund: refund.id }]);
		expectSingleRequest(sandbox, { method: 'GET', path: `/v1/refunds/${refund.id as string}` });
		expect(fetched.id).toBe(refund.id);

		sandbox.clearRequests();
		const listed = await runFixtureOk(sandbox, 'refund-get-many', [{ paymentIntent: intent.id }]);
		expectSingleRequest(sandbox, {
			method: 'GET',
			path: '/v1/refunds',
			rawQuery: `payment_intent=${intent.id as string}&limit=100`,
		});
		expect(listed.map((item) => item.id)).toEqual([refund.id]);

		sandbox.clearRequests();
		const [updated] = await runFixtureOk(sandbox, 'refund-update', [{ refund: refund.id }]);
		expectSingleRequest(sandbox, {
			method: 'POST',
			path: `/v1/refunds/${refund.id as string}`,
			rawBody: 'metadata[ticket]=R-2',
		});
		expect(updated.metadata).toEqual({ ticket: 'R-2' });
	});

	it("sends a valid cancel request and reports Stripe's reason when the refund already succeeded", async () => {
		const intent = await charge(3100);
		const [refund] = await runFixtureOk(sandbox, 'refund-create', [{ paymentIntent: intent.id }]);
		sandbox.clearRequests();

		const result = await runFixture(sandbox, 'refund-cancel', [{ refund: refund.id }]);

		const [request] = sandbox.requests();
		expect({ method: request.method, path: request.path, rawBody: request.rawBody }).toEqual({
			method: 'POST',
			path: `/v1/refunds/${refund.id as string}/cancel`,
			rawBody: '',
		});
		expect(request.idempotencyKey).toMatch(/^n8n-/);
		expect(request.status).toBe(400);
		expect(result.error?.message).toBe(
			"Can't cancel a refund that is succeeded. Only refunds with status requires_action can be canceled.",
		);
	});
});
