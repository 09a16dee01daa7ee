import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import type { StripeSandbox } from '../../../../stripe-sandbox';
import { loadWorkflowFixture, runWorkflow, sandboxCredentials } from '../../../harness/runWorkflow';
import { FIXTURE_FOLDER, runFixture, useSandbox } from '../support/fixtureRuns';

let sandbox: StripeSandbox;

useSandbox((started) => {
	sandbox = started;
});

describe("Stripe errors become NodeApiError with Stripe's own details", () => {
	it('reports a missing object with its code, a fix, the docs and the request id', async () => {
		const result = await runFixture(sandbox, 'transfer-get', [{ transfer: 'tr_doesnotexist' }]);

		const [request] = sandbox.requests();
		expect(request.status).toBe(404);
		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.message).toBe("No such transfer: 'tr_doesnotexist'");
		expect(result.error?.description).toBe(
			[
				'Type: invalid_request_error',
				'Code: resource_missing',
				'Parameter: id',
				'Fix: Check the ID fields of this operation, and the Connected Account option: the object must exist on that account.',
				'Docs: https://stripe.com/docs/error-codes/resource-missing',
				`Request ID: ${request.requestId}`,
			].join('\n'),
		);
		expect(result.error?.httpCode).toBe('404');
		expect(result.error?.context?.stripe).toEqual({
			message: "No such transfer: 'tr_doesnotexist'",
			type: 'invalid_request_error',
			code: 'resource_missing',
			decline_code: undefined,
			param: 'id',
			doc_url: 'https://stripe.com/docs/error-codes/resource-missing',
			request_id: request.requestId,
			status_code: 404,
			field_to_fix: null,
		});
	});

	it('names the node field behind the parameter Stripe rejects', async () => {
		const account = sandbox.state.createConnectedAccount({ country: 'DE' }).id;
		sandbox.state.setCapabilities(account, { transfers: 'inactive' });
		sandbox.state.fundBalance({ currency: 'eur', amount: 100_00 });

		const result = await runFixture(sandbox, 'transfer-create', [
			{ destination: account, amount: 500 },
		]);

		const [request] = sandbox.requests();
		expect(request.status).toBe(400);
		const stripeError = (request.responseBody as { error: Record<string, string> }).error;
		expect(result.error?.message).toBe(stripeError.message);
		expect(result.error?.description).toContain(`Code: ${stripeError.code}`);
		expect(result.error?.description).toContain(
			`Fix: Check the "Destination Account" field (Stripe parameter "destination").`,
		);
		expect(result.error?.description).toContain(`Request ID: ${request.requestId}`);
	});

	it("reports insufficient funds with Stripe's message and moves nothing", async () => {
		const account = sandbox.state.createConnectedAccount({ country: 'DE' }).id;

		const result = await runFixture(sandbox, 'transfer-create', [
			{ destination: account, amount: 999_999_00 },
		]);

		expect(sandbox.requests()[0].status).toBe(400);
		expect(result.error?.message).toMatch(/insufficient available funds/);
		expect(result.error?.description).toContain('Code: balance_insufficient');
		expect(sandbox.state.listObjects('transfer')).toEqual([]);
	});

	it('reports a rejected key without ever showing the key', async () => {
		const secretKey = 'rk_test_UnknownRestrictedKey3456';
		const result = await runWorkflow(
			loadWorkflowFixture(join(FIXTURE_FOLDER, 'balance-get.json')),
			{
				credentials: sandboxCredentials(sandbox, { secretKey }),
			},
		);

		expect(sandbox.requests().at(-1)?.status).toBe(401);
		expect(result.error?.message).toMatch(/^Invalid API Key provided: rk_test_\*+3456$/);
		expect(result.error?.description).toContain('Type: authentication_error');
		expect(result.error?.description).toContain(
			'Fix: Check the Secret Key of the Stripe Connect API credential.',
		);
		expect(JSON.stringify(result.error)).not.toContain(secretKey);
		expect(JSON.stringify(result.runData)).not.toContain(secretKey);
	});

	it('retries a dropped connection, then says Stripe could not be reached', async () => {
		let connections = 0;
		const dropping = createServer((socket) => {
			connections += 1;
			socket.destroy();
		});
		await new Promise<void>((done) => dropping.listen(0, '127.0.0.1', done));
		const url = `http://127.0.0.1:${(dropping.address() as AddressInfo).port}`;

		const result = await runWorkflow(
			loadWorkflowFixture(join(FIXTURE_FOLDER, 'balance-get.json')),
			{
				credentials: sandboxCredentials({ url, secretKey: sandbox.secretKey }),
			},
		);
		await new Promise((done) => dropping.close(done));

		expect(connections).toBe(3);
		expect(result.error?.message).toMatch(/^Stripe could not be reached: /);
		expect(result.error?.description).toContain('Type: api_connection_error');
	});
});
