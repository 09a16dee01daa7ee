/**
 * Shared plumbing for the Stripe Connect node suites: run a workflow fixture against the sandbox and
 * check what went over the wire.
 */
import { join } from 'node:path';

import type { ICredentialDataDecryptedObject, IDataObject, INodeProperties } from 'n8n-workflow';
import { afterAll, beforeAll, beforeEach, expect } from 'vitest';

import { startSandbox } from '../../../../stripe-sandbox';
import type { RecordedRequest, StripeSandbox } from '../../../../stripe-sandbox';
import {
	loadWorkflowFixture,
	runWorkflow,
	sandboxCredentials,
	type RunWorkflowOptions,
	type WorkflowRunResult,
} from '../../../harness/runWorkflow';

/** The folder of the workflow fixtures, one JSON file per scenario. */
export const FIXTURE_FOLDER = join(__dirname, '..', 'fixtures');

/** The node's name in every fixture. */
export const NODE = 'Stripe Connect';

/** The API version the harness credential pins (sent as Stripe-Version). */
export const CREDENTIAL_API_VERSION = '2026-10-28.endive';

/**
 * Gives a suite one sandbox: started and handed to `setUp` (which keeps it and seeds accounts and
 * balances) before all tests, closed after them, with its request log and planned faults cleared
 * before each test.
 */
export function useSandbox(setUp: (sandbox: StripeSandbox) => void | Promise<void>): void {
	let sandbox: StripeSandbox | undefined;
	beforeAll(async () => {
		sandbox = await startSandbox();
		await setUp(sandbox);
	});
	afterAll(async () => {
		await sandbox?.close();
	});
	beforeEach(() => {
		sandbox?.clearRequests();
		sandbox?.clearFaults();
	});
}

/** Runs `fixtures/<name>.json` with the sandbox credential and the given input items. */
export async function runFixture(
	sandbox: StripeSandbox,
	name: string,
	inputItems: IDataObject[] = [{}],
	options: Omit<RunWorkflowOptions, 'credentials' | 'inputItems'> & {
		/** Credential fields to change, e.g. `{ requestsPerSecond: 50 }`. */
		credential?: ICredentialDataDecryptedObject;
	} = {},
): Promise<WorkflowRunResult> {
	const { credential, ...runOptions } = options;
	const workflow = loadWorkflowFixture(join(FIXTURE_FOLDER, `${name}.json`));
	return await runWorkflow(workflow, {
		credentials: sandboxCredentials(sandbox, credential),
		inputItems,
		...runOptions,
	});
}

/** The JSON of every item the node put out (first output). */
export function outputJson(result: WorkflowRunResult): IDataObject[] {
	return (result.outputs[NODE]?.[0] ?? []).map((item) => item.json);
}

/** Runs a fixture that must succeed and returns the node's output JSON. */
export async function runFixtureOk(
	sandbox: StripeSandbox,
	name: string,
	inputItems: IDataObject[] = [{}],
): Promise<IDataObject[]> {
	const result = await runFixture(sandbox, name, inputItems);
	expect(result.error).toBeUndefined();
	return outputJson(result);
}

/**
 * A confirmed destination charge of `amount` cents to `destination`, made through the node with the
 * fee from the schedule (`vip` is the account with a fee override); the request log is cleared after.
 */
export async function chargeThroughNode(
	sandbox: StripeSandbox,
	charge: { amount: number; destination: string; vip: string },
): Promise<IDataObject> {
	const [intent] = await runFixtureOk(sandbox, 'payment-intent-create-fee-schedule', [charge]);
	sandbox.clearRequests();
	return intent;
}

/** A transfer of `amount` to `destination` made through the node; returns its id. */
export async function transferThroughNode(
	sandbox: StripeSandbox,
	transfer: { amount: number; destination: string },
): Promise<string> {
	const [created] = await runFixtureOk(sandbox, 'transfer-create', [transfer]);
	return created.id as string;
}

/** What a destination-charge suite is handed before its tests: the sandbox and its two US accounts. */
export interface DestinationChargeSetUp {
	sandbox: StripeSandbox;
	/** The connected account a charge pays unless told otherwise. */
	destination: string;
	/** The connected account with a fee override in the fee-schedule fixture. */
	vip: string;
}

/**
 * Gives a suite one sandbox (see `useSandbox`) with two US connected accounts, handed to `setUp` before
 * all tests, and returns `charge(amount, to)`: a confirmed destination charge of `amount` cents to `to`
 * (the `destination` account unless told otherwise), made through the node (see `chargeThroughNode`).
 */
export function useDestinationCharges(
	setUp: (started: DestinationChargeSetUp) => void,
): (amount: number, to?: string) => Promise<IDataObject> {
	let started: DestinationChargeSetUp | undefined;
	useSandbox((sandbox) => {
		started = {
			sandbox,
			destination: sandbox.state.createConnectedAccount({ country: 'US' }).id,
			vip: sandbox.state.createConnectedAccount({ country: 'US' }).id,
		};
		setUp(started);
	});
	return async (amount, to) => {
		const { sandbox, destination, vip } = startedOrThrow(started);
		return await chargeThroughNode(sandbox, { amount, destination: to ?? destination, vip });
	};
}

/** What a transfer suite is handed before its tests: the sandbox and the account it pays. */
export interface TransferSetUp {
	sandbox: StripeSandbox;
	/** A DE connected account; the platform holds 1,000.00 EUR to send it. */
	destination: string;
}

/**
 * Gives a suite one sandbox (see `useSandbox`) with a DE connected account and 1,000.00 EUR on the
 * platform balance, handed to `setUp` before all tests, and returns `createTransfer(amount)`: a transfer
 * of `amount` cents to that account, made through the node; it resolves to the transfer's id.
 */
export function useTransfers(
	setUp: (started: TransferSetUp) => void,
): (amount: number) => Promise<string> {
	let started: TransferSetUp | undefined;
	useSandbox((sandbox) => {
		started = {
			sandbox,
			destination: sandbox.state.createConnectedAccount({ country: 'DE' }).id,
		};
		sandbox.state.fundBalance({ currency: 'eur', amount: 1_000_00 });
		setUp(started);
	});
	return async (amount) => {
		const { sandbox, destination } = startedOrThrow(started);
		return await transferThroughNode(sandbox, { amount, destination });
	};
}

function startedOrThrow<SetUp>(started: SetUp | undefined): SetUp {
	if (started === undefined) {
		throw new Error(
			'The sandbox is not started yet: call this inside a test, not at module scope.',
		);
	}
	return started;
}

/** What one request on the wire must look like. */
export interface ExpectedWire {
	method: 'GET' | 'POST' | 'DELETE';
	path: string;
	/** Exact raw query string (GET/DELETE) as received. */
	rawQuery?: string;
	/** Exact raw form body (POST). */
	rawBody?: string;
	/** The Stripe-Account header, or undefined for the platform. */
	stripeAccount?: string;
}

/**
 * Asserts one recorded request exactly: method, path, query or body, Stripe-Account, authorization with
 * the sandbox key, Stripe-Version from the credential, an Idempotency-Key on every POST (none on reads),
 * and that the sandbox accepted it (it validates each request against Stripe's OpenAPI spec).
 */
export function expectWire(
	sandbox: StripeSandbox,
	request: RecordedRequest,
	expected: ExpectedWire,
): void {
	expect({ method: request.method, path: request.path }).toEqual({
		method: expected.method,
		path: expected.path,
	});
	expect(request.rawQuery).toBe(expected.rawQuery ?? '');
	if (expected.method === 'POST') {
		expect(request.rawBody).toBe(expected.rawBody ?? '');
		expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded');
		expect(request.idempotencyKey).toMatch(/^n8n-[0-9a-f]{40}$/);
	} else {
		expect(request.rawBody).toBe('');
		expect(request.idempotencyKey).toBeUndefined();
	}
	expect(request.stripeAccount).toBe(expected.stripeAccount);
	expectAuthenticatedAndAnswered(sandbox, request);
}

/** What every request the node sends carries, and Stripe's 200 for it. */
export function expectAuthenticatedAndAnswered(
	sandbox: StripeSandbox,
	request: RecordedRequest,
): void {
	expect(request.headers.authorization).toBe(`Bearer ${sandbox.secretKey}`);
	expect(request.headers['stripe-version']).toBe(CREDENTIAL_API_VERSION);
	expect(request.status, JSON.stringify(request.responseBody)).toBe(200);
}

/** The only request recorded since the last clearRequests(). */
export function onlyRequest(sandbox: StripeSandbox): RecordedRequest {
	const requests = sandbox.requests();
	expect(requests).toHaveLength(1);
	return requests[0];
}

/** The only request recorded since the last clearRequests(), asserted on the wire. */
export function expectSingleRequest(
	sandbox: StripeSandbox,
	expected: ExpectedWire,
): RecordedRequest {
	const request = onlyRequest(sandbox);
	expectWire(sandbox, request, expected);
	return request;
}

/** Every request the sandbox received was accepted (none rejected by spec validation or Stripe rules). */
export function expectNoRejectedRequests(sandbox: StripeSandbox): void {
	const rejected = sandbox
		.requests()
		.filter((request) => request.status >= 400)
		.map(
			(request) =>
				`${request.method} ${request.path} → ${request.status} ${JSON.stringify(request.responseBody)}`,
		);
	expect(rejected).toEqual([]);
}

/**
 * Every field of `properties` that `matches`, inside collections and fixed collections too, with its
 * parameter path (`additionalFields.amount`, `feeOverrides.overrides.percent`).
 */
export function fieldsWhere(
	properties: INodeProperties[],
	matches: (property: INodeProperties) => boolean,
	prefix = '',
): Array<{ path: string; property: INodeProperties }> {
	return properties.flatMap((property) => {
		const path = `${prefix}${property.name}`;
		if (matches(property)) return [{ path, property }];
		if (property.type === 'collection') {
			return fieldsWhere((property.options ?? []) as INodeProperties[], matches, `${path}.`);
		}
		if (property.type === 'fixedCollection') {
			return (property.options ?? []).flatMap((group) =>
				fieldsWhere(
					((group as { values?: INodeProperties[] }).values ?? []) as INodeProperties[],
					matches,
					`${path}.${(group as { name: string }).name}.`,
				),
			);
		}
		return [];
	});
}
