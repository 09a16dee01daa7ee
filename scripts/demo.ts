/**
 * `npm start`: the offline demo. Starts the seeded Stripe Connect sandbox and a real n8n on loopback
 * with this package installed from its `npm pack` tarball, a credential pointing at the sandbox and the
 * example workflows imported (the trigger examples published), then prints where to go and what to
 * try. With STRIPE_SECRET_KEY (a Stripe test key) in the environment it uses Stripe instead.
 * Ctrl+C stops everything it started and deletes its temp folders.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

import { startSandbox } from '../stripe-sandbox';
import type { StripeSandbox } from '../stripe-sandbox';
import {
	LocalN8n,
	REPO_ROOT,
	buildPackageTarball,
	ensureN8nInstalled,
	findFreePort,
	installPackageTarball,
	makeOwner,
	makeTempFolder,
	removeTempFolder,
} from './lib/localN8n';
import { TESTED_STRIPE_API_VERSION } from '../nodes/shared/stripeApi';

const CREDENTIAL = { id: 'stripeSandboxCred', name: 'Stripe Connect (sandbox)' };
const TRIGGER_TYPE = 'n8n-nodes-stripe-connect.stripeConnectTrigger';

interface ExampleWorkflow {
	id: string;
	name: string;
	nodes: Array<{ type: string }>;
}

function readExamples(): ExampleWorkflow[] {
	const folder = join(REPO_ROOT, 'examples');
	return readdirSync(folder)
		.filter((name) => name.endsWith('.json'))
		.sort()
		.map((name) => JSON.parse(readFileSync(join(folder, name), 'utf8')) as ExampleWorkflow);
}

function portFrom(variable: string, fallback: number): number {
	const value = process.env[variable];
	if (value === undefined || value === '') return fallback;
	const port = Number(value);
	if (!Number.isInteger(port) || port <= 0 || port > 65535) {
		throw new Error(`${variable} must be a port number (1-65535), got "${value}".`);
	}
	return port;
}

function isLiveKey(key: string): boolean {
	return /^(sk|rk)_live_/.test(key);
}

async function main(): Promise<void> {
	const realKey = process.env.STRIPE_SECRET_KEY?.trim();
	if (realKey && isLiveKey(realKey)) {
		throw new Error(
			'STRIPE_SECRET_KEY is a live key. The demo moves money when you run its workflows: use a test key (sk_test_… or rk_test_…).',
		);
	}
	const port = portFrom('N8N_PORT', 5678);
	const sandboxPort = portFrom('SANDBOX_PORT', 12111);

	console.log('Preparing n8n 2.41.1 on Node 24 (the first run installs it, about 10 minutes)…');
	const install = await ensureN8nInstalled();
	const packFolder = makeTempFolder('demo-pack');
	const userFolder = makeTempFolder('demo-n8n');
	const cleanups: Array<() => Promise<void> | void> = [
		() => removeTempFolder(packFolder),
		() => removeTempFolder(userFolder),
	];
	const cleanUp = async () => {
		for (const cleanup of cleanups.reverse()) {
			try {
				await cleanup();
			} catch (error) {
				console.error(`Cleaning up failed: ${(error as Error).message}`);
			}
		}
		cleanups.length = 0;
	};
	process.once('SIGINT', () => void cleanUp().then(() => process.exit(0)));
	process.once('SIGTERM', () => void cleanUp().then(() => process.exit(0)));

	try {
		console.log('Building and packing n8n-nodes-stripe-connect…');
		await installPackageTarball(await buildPackageTarball(packFolder), userFolder);

		const sandbox = realKey ? undefined : await startSandbox({ seed: 'demo', port: sandboxPort });
		if (sandbox) cleanups.push(() => sandbox.close());
		// One payout that is still on its way and will fail when it arrives, so advancing the
		// sandbox clock shows the Failed-payout alert at work.
		const merchant = sandbox?.demo?.accounts.find((account) => account.currency === 'usd');
		if (sandbox && merchant) {
			sandbox.state.createAutomaticPayout({
				account: merchant.id,
				currency: 'usd',
				amount: 842_50,
				status: 'in_transit',
				willFail: true,
				failure_code: 'account_closed',
			});
		}

		const owner = await makeOwner(install, 'demo@example.com');
		const n8n = new LocalN8n({
			install,
			userFolder,
			port,
			runnersBrokerPort: await findFreePort(),
			owner,
		});
		cleanups.push(() => n8n.stop());

		await n8n.importCredentials([
			{
				...CREDENTIAL,
				name: sandbox ? CREDENTIAL.name : 'Stripe Connect (test mode)',
				type: 'stripeConnectApi',
				data: {
					secretKey: sandbox ? sandbox.secretKey : realKey,
					apiVersion: TESTED_STRIPE_API_VERSION,
					baseUrl: sandbox ? sandbox.url : 'https://api.stripe.com',
				},
			},
		]);
		const examples = readExamples();
		for (const example of examples) {
			await n8n.importWorkflow(example);
			// Stripe cannot deliver to a loopback URL, so triggers are only published against the sandbox.
			if (sandbox && example.nodes.some((node) => node.type === TRIGGER_TYPE)) {
				await n8n.publishWorkflow(example.id);
			}
		}

		console.log('Starting n8n…');
		await n8n.start();

		console.log(banner({ n8n, owner, examples, sandbox, merchant: merchant?.id }));
		await new Promise<never>(() => undefined);
	} catch (error) {
		await cleanUp();
		throw error;
	}
}

function banner(input: {
	n8n: LocalN8n;
	owner: { email: string; password: string };
	examples: ExampleWorkflow[];
	sandbox: StripeSandbox | undefined;
	merchant: string | undefined;
}): string {
	const { n8n, owner, examples, sandbox, merchant } = input;
	const lines = [
		'',
		`n8n is running: ${n8n.baseUrl}`,
		`  Sign in as ${owner.email} / ${owner.password}`,
		sandbox
			? `  Stripe: the local sandbox at ${sandbox.url} (seeded demo marketplace, offline; key ${sandbox.secretKey})`
			: '  Stripe: Stripe test mode (STRIPE_SECRET_KEY). Triggers are not published: Stripe cannot reach a loopback URL.',
		'',
		'Example workflows:',
		...examples.map((example) => `  - ${example.name}: ${n8n.baseUrl}/workflow/${example.id}`),
		'',
		'What to try:',
		'  - Weekly tips review: open it and press "Execute workflow". It lists last week\'s tipped payments,',
		'    previews one transfer per recipient and creates them with idempotency keys. Run it again: no new transfers.',
		'  - Merchant onboarding: execute it to create an Express account and its onboarding link.',
	];
	if (sandbox) {
		lines.push(
			'  - Failed-payout alert (published): move the sandbox clock two days; a payout on its way fails and',
			'    the alert runs once (Executions tab):',
			`      curl -X POST ${sandbox.url}/_sandbox/advance -H 'content-type: application/json' -d '{"seconds":172800}'`,
			'  - Dispute desk (published): take a payment the customer will dispute; evidence is drafted on the dispute:',
			`      curl ${sandbox.url}/v1/payment_intents -u ${sandbox.secretKey}: -d amount=5000 -d currency=usd \\`,
			`        -d confirm=true -d payment_method=pm_card_createDispute -d "transfer_data[destination]=${merchant ?? 'acct_…'}"`,
		);
	}
	lines.push(
		'  - Build your own: search the nodes panel for "Stripe Connect" (AI agents: "Stripe Connect Tool").',
		'',
		`Press Ctrl+C to stop n8n${sandbox ? ' and the sandbox' : ''}.`,
	);
	return lines.join('\n');
}

main().catch((error: unknown) => {
	console.error((error as Error).message);
	process.exit(1);
});
