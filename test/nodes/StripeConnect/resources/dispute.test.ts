import { describe, expect, it } from 'vitest';

import type { StripeSandbox } from '../../../../stripe-sandbox';
import { expectSingleRequest, runFixture, runFixtureOk, useSandbox } from '../support/fixtureRuns';

let sandbox: StripeSandbox;
let destination: string;

useSandbox((started) => {
	sandbox = started;
	destination = sandbox.state.createConnectedAccount({ country: 'US' }).id;
});

describe('Dispute', () => {
	async function disputedCharge() {
		const [intent] = await runFixtureOk(sandbox, 'payment-intent-create-fixed-fee', [
			{ destination, confirm: true, paymentMethod: 'pm_card_createDispute' },
		]);
		await runFixtureOk(sandbox, 'payment-intent-capture', [{ paymentIntent: intent.id }]);
		const [dispute] = sandbox.state
			.listObjects('dispute')
			.filter((item) => item.payment_intent === intent.id);
		sandbox.clearRequests();
		return { intent, dispute };
	}

	it('gets and lists the disputes of a payment intent', async () => {
		const { intent, dispute } = await disputedCharge();

		const [fetched] = await runFixtureOk(sandbox, 'dispute-get', [{ dispute: dispute.id }]);
		expectSingleRequest(sandbox, { method: 'GET', path: `/v1/disputes/${dispute.id}` });
		expect(fetched).toMatchObject({ id: dispute.id, object: 'dispute' });

		sandbox.clearRequests();
		const listed = await runFixtureOk(sandbox, 'dispute-get-many', [{ paymentIntent: intent.id }]);
		expectSingleRequest(sandbox, {
			method: 'GET',
			path: '/v1/disputes',
			rawQuery: `payment_intent=${intent.id as string}&limit=100`,
		});
		expect(listed.map((item) => item.id)).toEqual([dispute.id]);
	});

	it('saves evidence without submitting, then submits it', async () => {
		const { dispute } = await disputedCharge();
		const evidence =
			'evidence[customer_email_address]=ada%40example.com&evidence[customer_name]=Ada%20Buyer&evidence[product_description]=Framed%20print' +
			'&evidence[shipping_tracking_number]=1Z999&evidence[uncategorized_text]=Delivered%20and%20signed%20for';

		const [saved] = await runFixtureOk(sandbox, 'dispute-update', [
			{ dispute: dispute.id, submit: false },
		]);
		expectSingleRequest(sandbox, {
			method: 'POST',
			path: `/v1/disputes/${dispute.id}`,
			rawBody: `${evidence}&submit=false&metadata[case]=C-7`,
		});
		expect(saved).toMatchObject({
			evidence: { customer_name: 'Ada Buyer' },
			metadata: { case: 'C-7' },
		});

		sandbox.clearRequests();
		const [submitted] = await runFixtureOk(sandbox, 'dispute-update', [
			{ dispute: dispute.id, submit: true },
		]);
		expect(sandbox.requests()[0].rawBody).toBe(`${evidence}&submit=true&metadata[case]=C-7`);
		expect(submitted.status).toBe('under_review');
	});

	it('closes (accepts) a dispute', async () => {
		const { dispute } = await disputedCharge();

		const [closed] = await runFixtureOk(sandbox, 'dispute-close', [{ dispute: dispute.id }]);

		expectSingleRequest(sandbox, { method: 'POST', path: `/v1/disputes/${dispute.id}/close` });
		expect(closed).toMatchObject({ id: dispute.id, status: 'lost' });
	});
});

/** A disputed destination charge on the platform; `appeal` moves the lost dispute into its appeal stage. */
function dispute(stage: 'needs_response' | 'lost' | 'appeal') {
	const intent = sandbox.state.createPaymentIntent({
		amount: 5000,
		currency: 'usd',
		transfer_data: { destination },
		application_fee_amount: 500,
	});
	const opened = sandbox.state.createDispute({ payment_intent: intent.id });
	if (stage === 'needs_response') return opened;
	const lost = sandbox.state.closeDispute(opened.id, 'lost');
	return stage === 'lost' ? lost : sandbox.state.openDisputeAppeal(opened.id);
}

describe('Dispute appeals (2026-10-28.endive)', () => {
	it('gets a dispute in its appeal stage with the appeal status', async () => {
		const appealed = dispute('appeal');

		const [fetched] = await runFixtureOk(sandbox, 'dispute-get', [{ dispute: appealed.id }]);

		expectSingleRequest(sandbox, { method: 'GET', path: `/v1/disputes/${appealed.id}` });
		expect(fetched).toMatchObject({ id: appealed.id, status: 'appeal_needs_response' });
	});

	it('lists only disputes in the chosen statuses, Limit counting only those', async () => {
		const awaiting = [dispute('appeal'), dispute('needs_response'), dispute('appeal')];
		dispute('lost');
		const newestFirst = awaiting.map((item) => item.id).reverse();

		const listed = await runFixtureOk(sandbox, 'dispute-get-many-status-input', [
			{ returnAll: false, limit: 2, statuses: ['appeal_needs_response', 'needs_response'] },
		]);

		expectSingleRequest(sandbox, { method: 'GET', path: '/v1/disputes', rawQuery: 'limit=100' });
		expect(listed.map((item) => item.id)).toEqual(newestFirst.slice(0, 2));
		expect(listed.map((item) => item.status)).toEqual(['appeal_needs_response', 'needs_response']);

		sandbox.clearRequests();
		const all = await runFixtureOk(sandbox, 'dispute-get-many-status-input', [
			{ returnAll: true, limit: 1, statuses: ['appeal_needs_response'] },
		]);
		const expected = sandbox.state
			.listObjects('dispute')
			.filter((item) => item.status === 'appeal_needs_response')
			.map((item) => item.id);
		expect(all.map((item) => item.id)).toEqual(expected);
		expect(expected.length).toBeGreaterThanOrEqual(2);
	});

	it('follows pages of 100 until the limit of matching disputes is reached', async () => {
		const appealed = dispute('appeal');
		for (let index = 0; index < 100; index += 1) dispute('needs_response');

		const listed = await runFixtureOk(sandbox, 'dispute-get-many-status-input', [
			{ returnAll: false, limit: 1, statuses: ['appeal_needs_response'] },
		]);

		const pages = sandbox.requests();
		expect(pages).toHaveLength(2);
		expect(pages[0].rawQuery).toBe('limit=100');
		const firstPage = pages[0].responseBody as { data: Array<{ id: string }> };
		expect(pages[1].rawQuery).toBe(`limit=100&starting_after=${firstPage.data[99].id}`);
		expect(listed.map((item) => item.id)).toEqual([appealed.id]);
	});

	it.each([
		[
			'a wrongly cased status',
			['Appeal_needs_response'],
			/^Filters → Status: "Appeal_needs_response" is not one of/,
		],
		['a blank status', '', /^Filters → Status: /],
		['no status', [], /^Filters → Status: has nothing selected/],
	])('refuses %s before sending anything', async (_case, statuses, message) => {
		const result = await runFixture(sandbox, 'dispute-get-many-status-input', [
			{ returnAll: true, limit: 1, statuses },
		]);

		expect(result.error?.message).toMatch(message);
		expect(sandbox.requests()).toEqual([]);
	});

	it('submits appeal evidence, moving the dispute to appeal_under_review', async () => {
		const appealed = dispute('appeal');

		const [updated] = await runFixtureOk(sandbox, 'dispute-update-appeal', [
			{ dispute: appealed.id, reason: 'Item delivered, signed', files: 'file_signed, file_photo' },
		]);

		expectSingleRequest(sandbox, {
			method: 'POST',
			path: `/v1/disputes/${appealed.id}`,
			rawBody:
				'evidence[appeal][card][reason_for_filing]=Item%20delivered%2C%20signed' +
				'&evidence[appeal][card][supporting_files][0]=file_signed' +
				'&evidence[appeal][card][supporting_files][1]=file_photo&submit=true',
		});
		expect(updated).toMatchObject({
			status: 'appeal_under_review',
			evidence: {
				appeal: {
					card: {
						reason_for_filing: 'Item delivered, signed',
						supporting_files: ['file_signed', 'file_photo'],
					},
				},
			},
		});
	});

	it("reports Stripe's refusal of appeal evidence outside the appeal stage", async () => {
		const open = dispute('needs_response');

		const result = await runFixture(sandbox, 'dispute-update-appeal', [
			{ dispute: open.id, reason: 'Too early', files: 'file_x' },
		]);

		expect(sandbox.requests()).toHaveLength(1);
		expect(sandbox.requests()[0].status).toBe(400);
		expect(result.error?.message).toContain('appeal_needs_response');
		expect(sandbox.state.getObject(open.id)?.status).toBe('needs_response');
	});
});
