import { parseArgs } from 'node:util';
import { startSandbox, type SandboxOptions, type StripeSandbox } from './sandbox';

const USAGE = `Usage: npm run sandbox -- [--port 12111] [--seed demo|empty] [--rate-limit <requests/s>] [--latency <ms>] [--now <unix seconds>] [--eventbridge-endpoint <url>]`;

function fail(message: string): never {
	console.error(`${message}\n${USAGE}`);
	process.exit(2);
}

function numberFlag(name: string, value: string | undefined): number | undefined {
	if (value === undefined) return undefined;
	const parsed = Number(value);
	if (!Number.isFinite(parsed) || parsed < 0)
		fail(`--${name} must be a non-negative number, got "${value}".`);
	return parsed;
}

/** Reads the command line into sandbox options (exits with usage on bad input). */
export function optionsFromArgs(args: string[]): SandboxOptions {
	let parsed;
	try {
		parsed = parseArgs({
			args,
			options: {
				port: { type: 'string', default: '12111' },
				seed: { type: 'string', default: 'demo' },
				'rate-limit': { type: 'string' },
				latency: { type: 'string' },
				now: { type: 'string' },
				'eventbridge-endpoint': { type: 'string' },
				help: { type: 'boolean' },
			},
		}).values;
	} catch (error) {
		fail((error as Error).message);
	}
	if (parsed.help) {
		console.log(USAGE);
		process.exit(0);
	}
	if (parsed.seed !== 'demo' && parsed.seed !== 'empty')
		fail(`--seed must be demo or empty, got "${parsed.seed}".`);
	return {
		port: numberFlag('port', parsed.port),
		seed: parsed.seed,
		rateLimitPerSecond: numberFlag('rate-limit', parsed['rate-limit']) || undefined,
		latencyMs: numberFlag('latency', parsed.latency),
		now: numberFlag('now', parsed.now),
		...(parsed['eventbridge-endpoint']
			? { eventBridgeEndpoint: parsed['eventbridge-endpoint'] }
			: {}),
	};
}

/** The banner printed at start: where the sandbox is and how to point the node and the jobs at it. */
export function describeSandbox(sandbox: StripeSandbox, options: SandboxOptions): string {
	const lines = [
		`Stripe Connect sandbox listening on ${sandbox.url}`,
		`  Seed:            ${options.seed ?? 'empty'}${sandbox.demo ? ` (${sandbox.demo.accounts.length} connected accounts)` : ''}`,
		`  Platform:        ${sandbox.platformAccountId}`,
		`  Test secret key: ${sandbox.secretKey}`,
		`  Clock:           ${new Date(sandbox.now() * 1000).toISOString()} (moves only when advanced)`,
		'',
		'n8n credential "Stripe Connect API":',
		`  Secret Key: ${sandbox.secretKey}`,
		`  Base URL:   ${sandbox.url}`,
		'',
		'Lambda jobs (npm run reconcile / npm run tips):',
		`  export STRIPE_API_BASE=${sandbox.url}`,
		`  export STRIPE_SECRET_KEY=${sandbox.secretKey}`,
		'',
		'Control API (see stripe-sandbox/README.md):',
		`  curl -X POST ${sandbox.url}/_sandbox/advance -H 'Content-Type: application/json' -d '{"seconds":86400}'`,
		`  curl ${sandbox.url}/_sandbox/deliveries`,
		'',
		'Press Ctrl+C to stop.',
	];
	return lines.join('\n');
}

async function main(): Promise<void> {
	const options = optionsFromArgs(process.argv.slice(2));
	const sandbox = await startSandbox(options).catch((error: NodeJS.ErrnoException) => {
		if (error.code === 'EADDRINUSE')
			fail(`Port ${options.port} is in use. Pick another with --port.`);
		throw error;
	});
	console.log(describeSandbox(sandbox, options));
	let stopping = false;
	const stop = (signal: string) => {
		if (stopping) return;
		stopping = true;
		console.log(`\n${signal} received, stopping the sandbox.`);
		sandbox.close().then(
			() => process.exit(0),
			() => process.exit(1),
		);
	};
	process.on('SIGINT', () => stop('SIGINT'));
	process.on('SIGTERM', () => stop('SIGTERM'));
}

if (process.argv[1] && /stripe-sandbox[\\/]cli\.ts$/.test(process.argv[1])) {
	void main();
}
