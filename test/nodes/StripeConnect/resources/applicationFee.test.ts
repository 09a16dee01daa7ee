import { describe, expect, it } from 'vitest';

import type { StripeSandbox } from '../../../../stripe-sandbox';
import { expectSingleRequest, runFixtureOk, useDestinationCharges } from '../support/fixtureRuns';

let sandbox: StripeSandbox;

const charge = useDestinationCharges((started) => ({ sandbox } = started));

describe('Application Fee', () => {
	it('gets, lists, refunds and lists the refunds of an application fee', async () => {
		const intent = await charge(10000);
		const [fee] = sandbox.state
			.listObjects('application_fee')
			.filter((item) => item.charge === intent.latest_charge);
		expect(fee.amount).toBe(320);

		const [fetched] = await runFixtureOk(sandbox, 'application-fee-get', [{ fee: fee.id }]);
		expectSingleRequest(sandbox, { method: 'GET', path: `/v1/application_fees/${fee.id}` });
		expect(fetched).toMatchObject({ id: fee.id, amount: 320 });

		sandbox.clearRequests();
		const listed = await runFixtureOk(sandbox, 'application-fee-get-many', [
			{ charge: intent.latest_charge },
		]);
		expectSingleRequest(sandbox, {
			method: 'GET',
			path: '/v1/application_fees',
			rawQuery: `charge=${intent.latest_charge as string}&limit=10`,
		});
		expect(listed.map((item) => item.id)).toEqual([fee.id]);

		sandbox.clearRequests();
		const [feeRefund] = await runFixtureOk(sandbox, 'application-fee-refund', [{ fee: fee.id }]);
		expectSingleRequest(sandbox, {
			method: 'POST',
			path: `/v1/application_fees/${fee.id}/refunds`,
			rawBody: 'amount=50&metadata[why]=goodwill',
		});
		expect(feeRefund).toMatchObject({ object: 'fee_refund', amount: 50, fee: fee.id });

		sandbox.clearRequests();
		const refunds = await runFixtureOk(sandbox, 'application-fee-get-many-refunds', [
			{ fee: fee.id },
		]);
		expectSingleRequest(sandbox, {
			method: 'GET',
			path: `/v1/application_fees/${fee.id}/refunds`,
			rawQuery: 'limit=100',
		});
		expect(refunds.map((item) => item.id)).toEqual([feeRefund.id]);
	});
});
