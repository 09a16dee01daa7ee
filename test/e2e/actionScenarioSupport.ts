/**
 * What the action node's end-to-end scenario groups share: where the fixtures live, what a topology
 * hands them, and the checks every request must pass.
 */
import { join } from 'node:path';

import { expect } from 'vitest';

import type { RecordedRequest, StripeSandbox } from '../../stripe-sandbox';
import type { N8nRunData } from '../../scripts/lib/n8nRunData';
import { REPO_ROOT } from '../../scripts/lib/repository';

/** Where the action fixtures live. */
export const ACTION_WORKFLOWS_DIR = join(REPO_ROOT, 'test', 'e2e', 'workflows');
/** The example workflows users import (README), run as they are shipped. */
export const EXAMPLES_DIR = join(REPO_ROOT, 'examples');
const API_VERSION = '2026-10-28.endive';

/** The ids the fixtures' placeholders refer to (`__DESTINATION_ACCOUNT__`, …). */
export interface SeededActionIds {
	destination: string;
	spare: string;
	uncapturedPayment: string;
	dispute: string;
}

/** What the scenarios need from the topology that runs them. */
export interface ActionContext extends SeededActionIds {
	sandbox: StripeSandbox;
	/** Imports a workflow file (placeholders filled), runs it and returns the run and its requests. */
	runFixture(
		file: string,
		folder: string,
	): Promise<{ run: N8nRunData; requests: RecordedRequest[] }>;
}

/** Method and path of each request, in order. */
export function routesOf(requests: RecordedRequest[]): string[] {
	return requests.map((request) => `${request.method} ${request.path}`);
}

/** Every request authenticated with the sandbox key, pinned the API version and succeeded. */
export function expectAuthenticatedAndAccepted(
	requests: RecordedRequest[],
	sandbox: StripeSandbox,
): void {
	for (const request of requests) {
		expect(
			{
				route: `${request.method} ${request.path}`,
				status: request.status,
				authorization: request.headers.authorization,
				version: request.headers['stripe-version'],
			},
			`${request.method} ${request.path} answered ${JSON.stringify(request.responseBody)}`,
		).toEqual({
			route: `${request.method} ${request.path}`,
			status: 200,
			authorization: `Bearer ${sandbox.secretKey}`,
			version: API_VERSION,
		});
	}
}
