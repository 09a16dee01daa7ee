/**
 * `npm start`: the offline demo. Starts the seeded Stripe Connect sandbox and a real n8n on loopback
 * with this package installed from its `npm pack` tarball, then adds a credential pointing at the
 * sandbox and the example workflows through n8n's REST API (the trigger examples published), and
 * prints where to go and what to try. With STRIPE_SECRET_KEY (a Stripe test key) in the environment
 * it uses Stripe instead. Ctrl+C stops everything it started and deletes its temp folders.
 *
 * `npm start -- --queue` runs the same demo on n8n's production layout (queue mode: PostgreSQL,
 * Redis, a main, a worker and a webhook processor; scripts/lib/queueMode.ts) and prints what runs
 * where.
 *
 * Where the time goes (docs/demo.md, "First run"): installing n8n once (scripts/setup/firstRun.mts),
 * then building the package while n8n and the sandbox get ready, then one `n8n start`. Credential
 * and workflows go in through the REST API of the running n8n, because every n8n CLI command boots
 * a whole n8n (10-30 s each).
 */
import { startSandbox } from '../stripe-sandbox';
import type { StripeSandbox } from '../stripe-sandbox';
import { addExamples, readExamples, startsWithTrigger } from './lib/exampleWorkflows';
import type { ExampleWorkflow } from './lib/exampleWorkflows';
import { findFreePort } from './lib/freePort';
import { LocalN8n } from './lib/localN8n';
import { ensureN8nInstalled, makeOwner } from './lib/n8nInstall';
import type { N8nInstall, N8nOwner } from './lib/n8nInstall';
import { buildPackageTarball, installPackageTarball } from './lib/packageTarball';
import { makeTempFolder, removeTempFolder } from './lib/tempFolder';
import { ensurePostgresInstalled } from './lib/postgres';
import { startQueueMode } from './lib/queueMode';
import { ensureRedisInstalled } from './lib/redis';
import { TESTED_STRIPE_API_VERSION } from '../nodes/shared/stripeApi';

const CREDENTIAL_NAME = {
	sandbox: 'Stripe Connect (sandbox)',
	stripe: 'Stripe Connect (test mode)',
};

function portFrom(variable: string, fallback: number): number {
	const value = process.env[variable];
	if (value === undefined || value === '') return fallback;
	const port = Number(value);
	if (!Number.isInteger(port) || port <= 0 || port > 65535) {
		throw new Error(`${variable} must be a port number (1-65535), got "${value}".`);
	}
	return port;
}

/** The n8n layout asked for on the command line: one process, or queue mode (`--queue`). */
function layoutFrom(args: string[]): 'single' | 'queue' {
	const unknown = args.filter((arg) => arg !== '--queue');
	if (unknown.length > 0) {
		throw new Error(
			`Unknown option ${unknown.map((arg) => `"${arg}"`).join(', ')}. npm start takes only --queue (n8n in queue mode: npm start -- --queue).`,
		);
	}
	return args.includes('--queue') ? 'queue' : 'single';
}

function isLiveKey(key: string): boolean {
	return /^(sk|rk)_live_/.test(key);
}

/** Runs a step with a line before (what, and how long it usually takes) and after (how long it took). */
async function timed<T>(label: string, expected: string, work: () => Promise<T>): Promise<T> {
	const startedAt = Date.now();
	console.log(`${label} (${expected})…`);
	const result = await work();
	console.log(`${label}: done in ${((Date.now() - startedAt) / 1000).toFixed(0)} s`);
	return result;
}

async function main(): Promise<void> {
	const realKey = process.env.STRIPE_SECRET_KEY?.trim();
	if (realKey && isLiveKey(realKey)) {
		throw new Error(
			'STRIPE_SECRET_KEY is a live key. The demo moves money when you run its workflows: use a test key (sk_test_… or rk_test_…).',
		);
	}
	const layout = layoutFrom(process.argv.slice(2));
	const port = portFrom('N8N_PORT', 5678);
	const sandboxPort = portFrom('SANDBOX_PORT', 12111);
	const startedAt = Date.now();

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
	// Ctrl+C reaches every process of the terminal's group (npm, tsx and this one), and tsx relays it
	// once more: a second signal must not end this process while it is stopping what it started.
	let stopping = false;
	const stopOnSignal = () => {
		if (stopping) return;
		stopping = true;
		console.log('Stopping n8n and the sandbox…');
		void cleanUp().then(() => process.exit(0));
	};
	process.on('SIGINT', stopOnSignal);
	process.on('SIGTERM', stopOnSignal);

	try {
		// Independent of each other: n8n (installed once, then found at once), the package build, the
		// sandbox and, for queue mode, PostgreSQL and Redis run side by side.
		const [install, tarball, demo] = await Promise.all([
			ensureN8nInstalled(),
			timed('Building and packing n8n-nodes-stripe-connect', 'about 30 s', () =>
				buildPackageTarball(packFolder),
			),
			realKey ? Promise.resolve(undefined) : startDemoSandbox(sandboxPort),
			layout === 'queue' ? ensureQueueModeParts() : Promise.resolve(),
		]);
		if (demo) cleanups.push(() => demo.sandbox.close());
		const owner = await makeOwner(install, 'demo@example.com');
		const { n8n, layoutLines } =
			layout === 'queue'
				? await startQueueModeN8n({ install, tarball, owner, port, cleanups })
				: await startSingleN8n({ install, tarball, owner, port, userFolder, cleanups });
		const examples = readExamples();
		const credential = await addExamples(
			n8n,
			{
				name: demo ? CREDENTIAL_NAME.sandbox : CREDENTIAL_NAME.stripe,
				data: {
					secretKey: demo ? demo.sandbox.secretKey : (realKey as string),
					apiVersion: TESTED_STRIPE_API_VERSION,
					baseUrl: demo ? demo.sandbox.url : 'https://api.stripe.com',
				},
			},
			// Stripe cannot deliver to a loopback URL, so triggers are only published against the sandbox.
			{ publishTriggers: demo !== undefined, examples },
		);

		console.log(
			banner({
				n8n,
				owner,
				credential,
				examples,
				sandbox: demo?.sandbox,
				merchant: demo?.merchant,
				seconds: (Date.now() - startedAt) / 1000,
				layoutLines,
			}),
		);
		await new Promise<never>(() => undefined);
	} catch (error) {
		await cleanUp();
		throw error;
	}
}

/** Where n8n runs, and what the banner says about it. */
interface StartedN8n {
	/** The process with the editor and the REST API. */
	n8n: LocalN8n;
	/** What runs where, for the banner (none for one process). */
	layoutLines: string[];
}

interface StartN8nInput {
	install: N8nInstall;
	tarball: string;
	owner: N8nOwner;
	port: number;
	cleanups: Array<() => Promise<void> | void>;
}

/** One `n8n start` with the package unpacked into its user folder. */
async function startSingleN8n(input: StartN8nInput & { userFolder: string }): Promise<StartedN8n> {
	const { install, tarball, owner, port, userFolder, cleanups } = input;
	await installPackageTarball(tarball, userFolder);
	const n8n = new LocalN8n({
		install,
		userFolder,
		port,
		runnersBrokerPort: await findFreePort(),
		owner,
	});
	cleanups.push(() => n8n.stop());
	await timed('Starting n8n', 'about 30 s; the first start prepares its database', () =>
		n8n.start(),
	);
	return { n8n, layoutLines: [] };
}

/** PostgreSQL's binaries and Redis, installed once (Redis with apt-get, as root). */
async function ensureQueueModeParts(): Promise<void> {
	await timed('Preparing PostgreSQL and Redis for queue mode', 'a few seconds once installed', () =>
		Promise.all([ensurePostgresInstalled(), ensureRedisInstalled()]),
	);
}

/** Queue mode: PostgreSQL, Redis, and n8n's main, worker and webhook processor. */
async function startQueueModeN8n(input: StartN8nInput): Promise<StartedN8n> {
	const { install, tarball, owner, port, cleanups } = input;
	const cluster = await timed(
		'Starting n8n in queue mode (PostgreSQL, Redis, main, worker, webhook processor)',
		'about a minute; the main prepares the database first',
		() =>
			startQueueMode({
				n8nInstall: install,
				packageTarball: tarball,
				owner,
				ports: { main: port },
			}),
	);
	cleanups.push(() => cluster.stop());
	return {
		n8n: cluster.main,
		layoutLines: [
			'',
			'Queue mode, what runs where (every execution runs on the worker; Stripe delivers to the webhook processor):',
			cluster.describe(),
		],
	};
}

/**
 * The seeded sandbox, plus one payout that is still on its way and will fail when it arrives, so
 * advancing the sandbox clock shows the Failed-payout alert at work.
 */
async function startDemoSandbox(
	port: number,
): Promise<{ sandbox: StripeSandbox; merchant: string | undefined }> {
	const sandbox = await startSandbox({ seed: 'demo', port });
	const merchant = sandbox.demo?.accounts.find((account) => account.currency === 'usd');
	if (merchant) {
		sandbox.state.createAutomaticPayout({
			account: merchant.id,
			currency: 'usd',
			amount: 842_50,
			status: 'in_transit',
			willFail: true,
			failure_code: 'account_closed',
		});
	}
	return { sandbox, merchant: merchant?.id };
}

function banner(input: {
	n8n: LocalN8n;
	owner: { email: string; password: string };
	credential: { id: string; name: string };
	examples: ExampleWorkflow[];
	sandbox: StripeSandbox | undefined;
	merchant: string | undefined;
	seconds: number;
	layoutLines: string[];
}): string {
	const { n8n, owner, credential, examples, sandbox, merchant, layoutLines } = input;
	const url = n8n.baseUrl;
	const lines = [
		'',
		`n8n is running (ready in ${Math.round(input.seconds)} s): ${url}`,
		`  Sign in as ${owner.email} / ${owner.password}`,
		sandbox
			? `  Stripe: the local sandbox at ${sandbox.url} (seeded demo marketplace, offline; key ${sandbox.secretKey})`
			: '  Stripe: Stripe test mode (STRIPE_SECRET_KEY). Triggers are not published: Stripe cannot reach a loopback URL.',
		`  Credential "${credential.name}": ${url}/home/credentials/${credential.id}`,
		...layoutLines,
		'',
		'Example workflows (Workflows in the left bar):',
		...examples.map(
			(example) =>
				`  - ${example.name}${sandbox && startsWithTrigger(example) ? ' (published)' : ''}`,
		),
		'',
		'What to try:',
		'  - Weekly tips review: open it and press "Execute workflow". It lists last week\'s tipped payments,',
		'    previews one transfer per recipient and currency and creates them with idempotency keys;',
		'    "Transfer Results" says who was paid and names the recipient Stripe refused. Run it again: no new transfers.',
		'  - Merchant onboarding: open it and press "Execute workflow": an Express account and its onboarding link.',
	];
	if (sandbox) {
		lines.push(
			'  - Failed-payout alert: move the sandbox clock two days; a payout on its way fails and the alert',
			'    runs once (Executions tab):',
			`      curl -X POST ${sandbox.url}/_sandbox/advance -H 'content-type: application/json' -d '{"seconds":172800}'`,
			'  - Dispute desk: take a payment the customer will dispute; evidence is drafted on the dispute and the',
			"    seller's transfer is reversed by the disputed amount, once:",
			`      curl ${sandbox.url}/v1/payment_intents -u ${sandbox.secretKey}: -d amount=5000 -d currency=usd \\`,
			`        -d confirm=true -d payment_method=pm_card_createDispute -d "transfer_data[destination]=${merchant ?? 'acct_…'}"`,
			'  - Merchant ready runs by itself when Stripe enables charges for an account (account.updated).',
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
