import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { startEventBridgeStandIn, type EventBridgeStandIn } from './eventBridgeStandIn';

function entry(index: number, detail = `{"n":${index}}`) {
	return { Source: 'test', DetailType: 'Test', Detail: detail, EventBusName: 'bus' };
}

const SIGNED = {
	'content-type': 'application/x-amz-json-1.1',
	'x-amz-target': 'AWSEvents.PutEvents',
	'x-amz-date': '20261122T120000Z',
	authorization: `AWS4-HMAC-SHA256 Credential=AKID/20261122/eu-west-1/events/aws4_request, SignedHeaders=host;x-amz-date, Signature=${'a'.repeat(64)}`,
};

describe('the EventBridge stand-in', () => {
	let standIn: EventBridgeStandIn;
	beforeEach(async () => {
		standIn = await startEventBridgeStandIn({ maxRequestBytes: 1_000 });
	});
	afterEach(async () => {
		await standIn.close();
	});

	const put = (body: unknown, headers: Record<string, string> = SIGNED) =>
		fetch(standIn.url, { method: 'POST', headers, body: JSON.stringify(body) }).then(
			async (response) => ({
				status: response.status,
				errorType: response.headers.get('x-amzn-errortype'),
				body: (await response.json()) as Record<string, unknown>,
			}),
		);

	it('answers per-entry results index for index', async () => {
		standIn.failEntries({
			errorCode: 'InternalFailure',
			times: 1,
			match: (received) => received.detail.n === 1,
		});
		const response = await put({ Entries: [entry(0), entry(1), entry(2, 'not json')] });
		expect(response.status).toBe(200);
		expect(response.body).toEqual({
			FailedEntryCount: 2,
			Entries: [
				{ EventId: '00000000-0000-4000-8000-000000000001' },
				{ ErrorCode: 'InternalFailure', ErrorMessage: 'Injected InternalFailure' },
				{ ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' },
			],
		});
		expect(standIn.accepted().map((received) => received.detail)).toEqual([{ n: 0 }]);
	});

	it('rejects what EventBridge rejects: unsigned, wrong target, more than 10 entries, too large, missing fields', async () => {
		const unsigned = await put({ Entries: [entry(0)] }, { ...SIGNED, authorization: 'Bearer x' });
		expect([unsigned.status, unsigned.errorType]).toEqual([
			403,
			'MissingAuthenticationTokenException',
		]);
		const wrongTarget = await put(
			{ Entries: [entry(0)] },
			{ ...SIGNED, 'x-amz-target': 'AWSEvents.PutRule' },
		);
		expect([wrongTarget.status, wrongTarget.errorType]).toEqual([400, 'UnknownOperationException']);
		const eleven = await put({ Entries: Array.from({ length: 11 }, (_, index) => entry(index)) });
		expect([eleven.status, eleven.errorType]).toEqual([400, 'ValidationException']);
		const tooLarge = await put({ Entries: [entry(0, JSON.stringify({ pad: 'x'.repeat(1_000) }))] });
		expect([tooLarge.status, tooLarge.body.__type]).toEqual([400, 'ValidationException']);
		const missing = await put({ Entries: [{ Source: 'test', Detail: '{}', EventBusName: 'bus' }] });
		expect(missing.body.message).toMatch(/entries.1.member.detailType/);
		expect(standIn.accepted()).toHaveLength(0);
		expect(standIn.requests().map((request) => request.status)).toEqual([403, 400, 400, 400, 400]);
	});

	it('fails whole requests as injected, then recovers', async () => {
		standIn.failRequests({
			status: 400,
			type: 'ThrottlingException',
			message: 'Rate exceeded',
			times: 1,
		});
		const throttled = await put({ Entries: [entry(0)] });
		expect(throttled).toEqual({
			status: 400,
			errorType: 'ThrottlingException',
			body: { __type: 'ThrottlingException', message: 'Rate exceeded' },
		});
		expect((await put({ Entries: [entry(0)] })).status).toBe(200);
	});
});
