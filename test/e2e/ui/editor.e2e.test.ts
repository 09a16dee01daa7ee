/**
 * What a user sees in n8n's editor, checked in headless Chromium (Debian's package, driven by
 * playwright-core) against a real n8n 2.41.1 with the packed package and the example workflows:
 * the saved credential, the node panel of a money-moving operation, and the examples run from their
 * Execute workflow button as the README and docs/demo.md say. Every check takes a screenshot
 * (E2E_SCREENSHOT_DIR keeps them; otherwise they are kept only when a check fails).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';

import { TESTED_STRIPE_API_VERSION } from '../../../nodes/shared/stripeApi';
import { startSandbox } from '../../../stripe-sandbox';
import type { StripeSandbox } from '../../../stripe-sandbox';
import type { N8nRunData } from '../../../scripts/lib/n8nRunData';
import { itemsOf, printServerLog } from '../support';
import {
	launchChromium,
	openWorkflow,
	screenshot,
	screenshotFolder,
	signIn,
	startEditorInstance,
	waitForFinishedExecutions,
} from './editor';
import type { EditorInstance } from './editor';

describe('the package in n8n’s editor', () => {
	let sandbox: StripeSandbox;
	let instance: EditorInstance;
	let browser: Browser;
	let page: Page;
	let failed = false;
	const screenshots = screenshotFolder();

	beforeAll(async () => {
		sandbox = await startSandbox({ seed: 'demo' });
		instance = await startEditorInstance({
			name: 'Stripe Connect (sandbox)',
			data: {
				secretKey: sandbox.secretKey,
				apiVersion: TESTED_STRIPE_API_VERSION,
				baseUrl: sandbox.url,
			},
		});
		browser = await launchChromium();
		page = await signIn(browser, instance.n8n.baseUrl, instance.owner);
	});

	afterAll(async () => {
		await browser?.close();
		await instance?.dispose();
		await sandbox?.close();
		screenshots.finish(failed);
	});

	function noteFailure(): void {
		onTestFailed(() => {
			failed = true;
			printServerLog(instance);
		});
	}

	/** Runs a workflow with the editor's main Execute workflow button and returns the run. */
	async function executeFromEditor(workflowId: string, runsBefore: number): Promise<N8nRunData> {
		await openWorkflow(page, instance.n8n.baseUrl, workflowId);
		await page.click('[data-test-id="execute-workflow-button"]');
		const executions = await waitForFinishedExecutions(instance.n8n, workflowId, runsBefore + 1);
		expect(executions.map((execution) => [execution.mode, execution.status])[0]).toEqual([
			'manual',
			'success',
		]);
		return await instance.n8n.executionRun(executions[0].id);
	}

	it('tests a saved key when it opens: test mode, the platform account, no malformed-key notice', async () => {
		noteFailure();
		// The editor tests a saved credential as it opens it. n8n 2.41's form shows only "Connection
		// tested successfully" for an OK test and drops the message, so the message the credential
		// test returned is read from the editor's own request.
		const tested = page.waitForResponse(
			(response) =>
				response.request().method() === 'POST' &&
				new URL(response.url()).pathname === '/rest/credentials/test',
		);
		await page.goto(`${instance.n8n.baseUrl}/home/credentials/${instance.credential.id}`);
		const answer = (await (await tested).json()) as { data: { status: string; message: string } };
		const success = page.locator('[data-test-id="credentials-config-container-test-success"]');
		await success.waitFor({ state: 'visible' });
		await screenshot(page, screenshots.folder, 'credential');

		expect(answer.data).toEqual({
			status: 'OK',
			message: `Connected in test mode with a secret key to Sandbox Marketplace (${sandbox.platformAccountId}).`,
		});
		expect(await success.innerText()).toContain('Connection tested successfully');
		expect(
			await page.getByText('A saved key is not shown again. Retest checks').count(),
			'the form says what a saved key is not shown for',
		).toBe(1);
		expect(
			await page.getByText('does not look like a Stripe').count(),
			'a saved sk_test_ key is not reported as malformed',
		).toBe(0);
	});

	it('flags the required fields of a money-moving operation left empty', async () => {
		noteFailure();
		// n8n 2.41's node panel draws no asterisk for a required parameter (only the credential form
		// does); what it shows is an issue on the node for each required text field left empty. It
		// never flags a number (Amount): the node refuses an empty Amount when it runs, naming it.
		const workflow = await instance.n8n.rest<{ id: string }>('POST', '/workflows', {
			name: 'Required fields',
			nodes: [
				{
					id: '2f0b6a3e-4c1d-4d8e-9a57-0c6b1e2d3f40',
					name: 'New Transfer',
					type: 'n8n-nodes-stripe-connect.stripeConnect',
					typeVersion: 1,
					position: [0, 0],
					parameters: { resource: 'transfer', operation: 'create', destination: '', currency: '' },
					credentials: { stripeConnectApi: instance.credential },
				},
			],
			connections: {},
			settings: { executionOrder: 'v1' },
		});
		await openWorkflow(page, instance.n8n.baseUrl, workflow.id);
		await page
			.locator(
				'[data-test-id="canvas-node"][data-node-name="New Transfer"] [data-test-id="node-issues"]',
			)
			.hover();
		const required = page.getByText(/^Parameter ".+" is required\.$/);
		await required.first().waitFor({ state: 'visible' });
		await screenshot(page, screenshots.folder, 'transfer-create-required');

		expect((await required.allInnerTexts()).map((text) => text.trim()).sort()).toEqual([
			'Parameter "Currency" is required.',
			'Parameter "Destination Account" is required.',
		]);
	});

	it('runs Merchant onboarding from its Execute workflow button up to the onboarding link', async () => {
		noteFailure();
		const run = await executeFromEditor('exMerchantOnboarding', 0);
		await screenshot(page, screenshots.folder, 'merchant-onboarding-run');

		expect(Object.keys(run.resultData.runData).sort()).toEqual(
			[
				'Create Express Account',
				'Create Onboarding Link',
				'Merchant Details',
				'New Merchant',
				'Onboarding Link',
			].sort(),
		);
		const [link] = itemsOf(run, 'Onboarding Link');
		expect(String(link.onboardingUrl)).toMatch(/^https:\/\/connect\.stripe\.com\//);
		expect(link.email).toBe('owner@harbor-bikes.example');
	});

	it('runs Weekly tips from its Execute workflow button, names the recipient Stripe refused, and says a re-run paid nobody again', async () => {
		noteFailure();
		const demo = sandbox.demo as NonNullable<StripeSandbox['demo']>;
		const refusedTip = sandbox.state.getObject(demo.specialTips.inactiveRecipient);
		const refused = String((refusedTip?.metadata as Record<string, string>).tip_recipient);
		const transferIds = () =>
			sandbox.state
				.listObjects('transfer')
				.map((transfer) => String(transfer.id))
				.sort();
		const transfersBefore = transferIds();

		const run = await executeFromEditor('exWeeklyTipsReview', 0);
		await screenshot(page, screenshots.folder, 'weekly-tips-run');
		const transfersAfterFirst = transferIds();
		const rerun = await executeFromEditor('exWeeklyTipsReview', 1);
		await screenshot(page, screenshots.folder, 'weekly-tips-rerun');

		const results = itemsOf(run, 'Transfer Results');
		const notPaid = results.filter((result) => result.status === 'not paid');
		expect(notPaid).toEqual([
			expect.objectContaining({
				recipient: refused,
				result: expect.stringMatching(
					new RegExp(`^\\$\\d+\\.\\d\\d to ${refused} was NOT paid: .*capabilit`),
				),
			}),
		]);
		const paid = results.filter((result) => result.status !== 'not paid');
		expect(paid.length).toBeGreaterThan(10);
		const newTransfers = transfersAfterFirst.filter((id) => !transfersBefore.includes(id));
		expect(paid.map((result) => result.transfer).sort()).toEqual(newTransfers);
		for (const result of paid) {
			expect(result).toMatchObject({ status: 'paid', transfer: expect.stringMatching(/^tr_/) });
			expect(String(result.result)).toMatch(/ paid to acct_\w+ \(tr_\w+\)\.$/);
		}
		const summary = `${paid.length} paid now, 0 already paid by an earlier run, 1 not paid`;
		expect(new Set(results.map((result) => result.summary))).toEqual(new Set([summary]));

		// The re-run moved no money: Stripe answered every paid recipient from its Idempotency-Key.
		expect(transferIds()).toEqual(transfersAfterFirst);
		const again = itemsOf(rerun, 'Transfer Results');
		expect(again.map(({ recipient, status }) => [recipient, status])).toEqual(
			results.map(({ recipient, status }) => [
				recipient,
				status === 'paid' ? 'already paid' : status,
			]),
		);
		for (const [index, result] of again.entries()) {
			if (result.status === 'not paid') continue;
			expect(result.transfer).toBe(results[index].transfer);
			expect(String(result.result)).toMatch(
				new RegExp(
					`^\\S+ to ${String(result.recipient)}: already paid by an earlier run \\(${String(result.transfer)}\\), no money moved\\.$`,
				),
			);
		}
		const resummary = `0 paid now, ${paid.length} already paid by an earlier run, 1 not paid`;
		expect(new Set(again.map((result) => result.summary))).toEqual(new Set([resummary]));

		const descriptions = sandbox.state
			.listObjects('transfer')
			.map((transfer) => String(transfer.description));
		expect(descriptions.filter((text) => /\(1 payments\)/.test(text))).toEqual([]);
		expect(descriptions.some((text) => /\(1 payment\)$/.test(text))).toBe(true);
	});
});
