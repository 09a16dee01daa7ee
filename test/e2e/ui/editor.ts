/**
 * The pieces of the browser checks: a real n8n with the packed package, the examples and a known
 * owner; headless Chromium from Debian's packages driven by playwright-core; signing in and
 * screenshots a person can look at.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

import type { Browser, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { inject } from 'vitest';

import { addExamples } from '../../../scripts/lib/exampleWorkflows';
import type { StripeCredentialData } from '../../../scripts/lib/exampleWorkflows';
import { findFreePort } from '../../../scripts/lib/freePort';
import { LocalN8n } from '../../../scripts/lib/localN8n';
import { makeOwner } from '../../../scripts/lib/n8nInstall';
import type { N8nOwner } from '../../../scripts/lib/n8nInstall';
import type { N8nExecutionSummary } from '../../../scripts/lib/n8nRunData';
import { installPackageTarball } from '../../../scripts/lib/packageTarball';
import { makeTempFolder, removeTempFolder } from '../../../scripts/lib/tempFolder';

/** Debian's Chromium (`apt-get install -y chromium`; .ci/run installs it). */
export const CHROMIUM = '/usr/bin/chromium';

/**
 * Flags for a root, headless, offline Chromium: without the background-networking ones it keeps
 * trying hosts this machine cannot reach (see the machine notes in the tool library).
 */
const CHROMIUM_FLAGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

/** How long the editor may take to show a page on a loaded two-core machine. */
export const EDITOR_TIMEOUT_MS = 120_000;

/** A running n8n with the package, the examples and the credential, and its owner. */
export interface EditorInstance {
	n8n: LocalN8n;
	userFolder: string;
	owner: N8nOwner;
	credential: { id: string; name: string };
	dispose(): Promise<void>;
}

/** Starts n8n with the packed package installed and the examples added through its REST API. */
export async function startEditorInstance(credential: {
	name: string;
	data: StripeCredentialData;
}): Promise<EditorInstance> {
	const install = inject('n8nInstall');
	const userFolder = makeTempFolder('ui-n8n');
	let n8n: LocalN8n | undefined;
	try {
		await installPackageTarball(inject('packageTarball'), userFolder);
		const owner = await makeOwner(install);
		n8n = new LocalN8n({
			install,
			userFolder,
			port: await findFreePort(),
			runnersBrokerPort: await findFreePort(),
			owner,
		});
		await n8n.start();
		const saved = await addExamples(n8n, credential, { publishTriggers: false });
		const running = n8n;
		return {
			n8n: running,
			userFolder,
			owner,
			credential: saved,
			async dispose() {
				await running.stop();
				removeTempFolder(userFolder);
			},
		};
	} catch (error) {
		await n8n?.stop();
		removeTempFolder(userFolder);
		throw error;
	}
}

/** Launches Debian's Chromium, or says how to install it. */
export async function launchChromium(): Promise<Browser> {
	if (!existsSync(CHROMIUM)) {
		throw new Error(
			`${CHROMIUM} is missing: install Debian's Chromium (apt-get install -y chromium; .ci/run does).`,
		);
	}
	return await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
}

/** Opens a page signed in as the owner through n8n's sign-in form. */
export async function signIn(browser: Browser, baseUrl: string, owner: N8nOwner): Promise<Page> {
	const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
	const page = await context.newPage();
	page.setDefaultTimeout(EDITOR_TIMEOUT_MS);
	await page.goto(`${baseUrl}/signin`);
	await page.fill('#emailOrLdapLoginId', owner.email);
	await page.fill('#password', owner.password);
	await page.click('[data-test-id="form-submit-button"]');
	await page.waitForURL((url) => !url.pathname.startsWith('/signin'));
	return page;
}

/** Opens a workflow in the editor and waits for its canvas. */
export async function openWorkflow(page: Page, baseUrl: string, workflowId: string): Promise<void> {
	await page.goto(`${baseUrl}/workflow/${workflowId}`);
	await page.waitForSelector('[data-test-id="canvas-node"]');
}

/**
 * Where screenshots go: E2E_SCREENSHOT_DIR (kept), or a temp folder that `finish` removes unless a
 * check failed, so a failure leaves the pictures of what the browser showed.
 */
export function screenshotFolder(): { folder: string; finish(failed: boolean): void } {
	const kept = process.env.E2E_SCREENSHOT_DIR;
	if (kept) {
		mkdirSync(kept, { recursive: true });
		return { folder: kept, finish: () => undefined };
	}
	const folder = makeTempFolder('ui-screenshots');
	return {
		folder,
		finish(failed) {
			if (failed) console.error(`Screenshots of the browser checks: ${folder}`);
			else removeTempFolder(folder);
		},
	};
}

/** Saves a full-window screenshot named `name`.png in `folder`. */
export async function screenshot(page: Page, folder: string, name: string): Promise<void> {
	await page.screenshot({ path: join(folder, `${name}.png`) });
}

/**
 * Waits until the workflow has `count` finished executions and returns them, newest first. A
 * dropped connection is asked again: n8n closes idle keep-alive connections after 5 s, and on a
 * loaded machine the client may reuse one just as it closes (ECONNRESET); the list is only read.
 */
export async function waitForFinishedExecutions(
	n8n: LocalN8n,
	workflowId: string,
	count: number,
): Promise<N8nExecutionSummary[]> {
	const deadline = Date.now() + EDITOR_TIMEOUT_MS;
	for (;;) {
		const executions = await n8n.executionsOf(workflowId).catch((error: Error) => {
			if (error.message !== 'fetch failed' || Date.now() > deadline) throw error;
			return [];
		});
		const finished = executions.filter(
			(execution) => !['new', 'running', 'waiting'].includes(execution.status),
		);
		if (finished.length >= count || Date.now() > deadline) return finished;
		await new Promise((wake) => setTimeout(wake, 500));
	}
}
