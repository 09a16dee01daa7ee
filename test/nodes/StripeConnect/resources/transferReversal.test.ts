import { describe, expect, it } from 'vitest';

import type { StripeSandbox } from '../../../../stripe-sandbox';
import { expectSingleRequest, runFixtureOk, useTransfers } from '../support/fixtureRuns';

let sandbox: StripeSandbox;

const createTransfer = useTransfers((started) => ({ sandbox } = started));

describe('Transfer Reversal', () => {
	it('reverses part of a transfer with a description and metadata', async () => {
		const id = await createTransfer(2000);
		sandbox.clearRequests();

		const [reversal] = await runFixtureOk(sandbox, 'transfer-reversal-create', [{ transfer: id }]);

		expectSingleRequest(sandbox, {
			method: 'POST',
			path: `/v1/transfers/${id}/reversals`,
			rawBody:
				'amount=500&description=Partial%20refund&refund_application_fee=false&metadata[ticket]=T-9',
		});
		expect(reversal).toMatchObject({ object: 'transfer_reversal', amount: 500, transfer: id });
	});

	it('gets one reversal and lists all reversals of a transfer', async () => {
		const id = await createTransfer(2000);
		const [reversal] = await runFixtureOk(sandbox, 'transfer-reversal-create', [{ transfer: id }]);
		sandbox.clearRequests();

		const [fetched] = await runFixtureOk(sandbox, 'transfer-reversal-get', [
			{ transfer: id, reversal: reversal.id },
		]);
		expectSingleRequest(sandbox, {
			method: 'GET',
			path: `/v1/transfers/${id}/reversals/${reversal.id as string}`,
		});
		expect(fetched.id).toBe(reversal.id);

		sandbox.clearRequests();
		const listed = await runFixtureOk(sandbox, 'transfer-reversal-get-many', [{ transfer: id }]);
		expectSingleRequest(sandbox, {
			method: 'GET',
			path: `/v1/transfers/${id}/reversals`,
			rawQuery: 'limit=100',
		});
		expect(listed.map((item) => item.id)).toEqual([reversal.id]);
	});
});
