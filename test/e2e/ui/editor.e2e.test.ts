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

	it('shows a saved key as a test-mode key, with no notice that it is malformed', async () => {
		noteFailure();
		await page.goto(`${instance.n8n.baseUrl}/home/credentials/${instance.credential.id}`);
		await page.waitForSelector('[data-test-id="credential-connection-parameter"]');
		const testMode = page.getByText(/test mode/i).first();
		const shown = await testMode
			.waitFor({ state: 'visible', timeout: 60_000 })
			.then(() => true)
			.catch(() => false);
		await screenshot(page, screenshots.folder, 'credential');

		expect(shown, 'the credential form says the saved key is a test-mode key').toBe(true);
		expect(
			await page.getByText('does not look like a Stripe').count(),
			'a saved sk_test_ key is not reported as malformed',
		).toBe(0);
	});

	it('marks the required fields of a money-moving operation as required', async () => {
		noteFailure();
		await openWorkflow(page, instance.n8n.baseUrl, 'exWeeklyTipsReview');
		await page
			.locator('[data-test-id="canvas-node"][data-node-name="Create Tip Transfers"]')
			.dblclick();
		await page.waitForSelector('label[for="destination"]');
		await screenshot(page, screenshots.folder, 'transfer-create-panel');

		const labels: Record<string, string> = {};
		for (const field of ['destination', 'amount', 'currency']) {
			// The label's title: the parameter's name, and an asterisk when n8n marks it required.
			labels[field] = (
				await page.locator(`label[for="${field}"] span.n8n-text`).first().innerText()
			).trim();
		}
		expect(labels).toEqual({
			destination: expect.stringMatching(/^Destination Account\s*\*$/),
			amount: expect.stringMatching(/^Amount\s*\*$/),
			currency: expect.stringMatching(/^Currency\s*\*$/),
		});
		await page.keyboard.press('Escape');
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

	it('runs Weekly tips from its Execute workflow button and names the recipient Stripe refused', async () => {
		noteFailure();
		const demo = sandbox.demo as NonNullable<StripeSandbox['demo']>;
		const refusedTip = sandbox.state.getObject(demo.specialTips.inactiveRecipient);
		const refused = String((refusedTip?.metadata as Record<string, string>).tip_recipient);

		const run = await executeFromEditor('exWeeklyTipsReview', 0);
		await screenshot(page, screenshots.folder, 'weekly-tips-run');

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
		expect(results.length).toBeGreaterThan(10);
		for (const paid of results.filter((result) => result.status !== 'not paid')) {
			expect(paid).toMatchObject({ status: 'paid', transfer: expect.stringMatching(/^tr_/) });
			expect(String(paid.result)).toMatch(/ paid to acct_\w+ \(tr_\w+\)\.$/);
		}
		const descriptions = sandbox.state
			.listObjects('transfer')
			.map((transfer) => String(transfer.description));
		expect(descriptions.filter((text) => /\(1 payments\)/.test(text))).toEqual([]);
		expect(descriptions.some((text) => /\(1 payment\)$/.test(text))).toBe(true);
	});
});
