// The part of `npm run reconcile` and `npm run tips` that does not depend on the job: flags, where
// Stripe is (the configured key, or a freshly seeded sandbox), where events go, progress and the
// closing report. Only the CLIs import this module, so the Lambda bundles never include the sandbox.
import type { Logger } from '@aws-lambda-powertools/logger';

import { startSandbox } from '../../stripe-sandbox';
import type { CommonJobConfig, Environment } from './config';
import {
	createProgressLine,
	formatEventLines,
	parseCliFlags,
	type CommonCliFlags,
} from './cliReport';
import { createBusPublisher } from './eventPublisher';
import { createCollectingSink } from './eventSinks';
import type { JobEvent } from './jobEvents';
import type { JobConnections } from './jobRun';
import { createObservability } from './observability';
import { connectWithKey, resolveStripeSecretKey } from './stripeClient';

/** What a job's run gets from its CLI: its connections (passed on as they are) and the CLI's own parts. */
export interface CliRunContext<Config> extends JobConnections {
	config: Config;
	flags: CommonCliFlags;
	/** Unix seconds: the sandbox's clock when running against a local sandbox, the wall clock otherwise. */
	now: number;
	logger: Logger;
	/** Redraws the progress line (on a terminal, and never with --json). */
	showProgress(text: string): void;
	/** The request rate since the run started, such as `12.5 req/s`. */
	requestRate(apiCalls: number): string;
}

/** One job's command line: what it accepts, how it runs and how it reports. */
export interface JobCli<Config extends CommonJobConfig, Result extends { published: JobEvent[] }> {
	/** The command name that prefixes error messages, such as `reconcile`. */
	command: string;
	/** Powertools service name of the (silent) logger. */
	serviceName: string;
	usage: string;
	/** The job's own `--name value` options, besides --dry-run, --json and --help. */
	stringOptions: string[];
	readConfig(env: Environment): Config;
	/** Said after "printed" in the report when --dry-run is why the events were not published. */
	dryRunNote: string;
	run(context: CliRunContext<Config>): Promise<Result>;
	formatReport(result: Result, destination: string): string;
}

/** Where the run's Stripe is: the configured key, or a freshly seeded sandbox to close afterwards. */
async function locateStripe(config: CommonJobConfig) {
	if (config.stripeKey !== undefined) {
		return {
			secretKey: await resolveStripeSecretKey(config.stripeKey),
			apiBase: config.stripeApiBase,
			now: Date.now() / 1000,
			close: async () => {},
		};
	}
	const sandbox = await startSandbox({ seed: 'demo' });
	process.stderr.write(`No STRIPE_SECRET_KEY: using a freshly seeded sandbox at ${sandbox.url}\n`);
	return {
		secretKey: sandbox.secretKey,
		apiBase: new URL(sandbox.url),
		now: sandbox.now(),
		close: () => sandbox.close(),
	};
}

/**
 * Runs a job CLI with its arguments and the process's environment (which the AWS SDK reads too);
 * returns the exit code, throws what went wrong.
 */
export async function executeJobCli<
	Config extends CommonJobConfig,
	Result extends { published: JobEvent[] },
>(job: JobCli<Config, Result>, argv: string[]): Promise<number> {
	const flags = parseCliFlags(argv, job.stringOptions);
	if (flags.help) {
		process.stdout.write(`${job.usage}\n`);
		return 0;
	}
	const config = job.readConfig(process.env);
	const stripeLocation = await locateStripe(config);
	try {
		const printOnly = flags.dryRun || config.eventBusName === undefined;
		const collector = createCollectingSink();
		const progress = createProgressLine(
			process.stderr,
			process.stderr.isTTY === true && !flags.json,
		);
		const startedAt = Date.now();
		const result = await job.run({
			config,
			flags,
			...connectWithKey(config, stripeLocation.secretKey, stripeLocation.apiBase),
			now: stripeLocation.now,
			sink: printOnly ? collector : createBusPublisher(config.eventBusName as string),
			logger: createObservability(job.serviceName, { silent: true }).logger,
			showProgress: (text) => progress.update(text),
			requestRate: (apiCalls) => {
				const seconds = Math.max(0.001, (Date.now() - startedAt) / 1000);
				return `${(apiCalls / seconds).toFixed(1)} req/s`;
			},
		});
		progress.done();
		if (flags.json) {
			process.stdout.write(`${JSON.stringify(result.published, null, 2)}\n`);
			return 0;
		}
		const destination = printOnly
			? `printed${flags.dryRun ? job.dryRunNote : ' (EVENT_BUS_NAME is not set)'}`
			: `published to ${config.eventBusName}`;
		process.stdout.write(`${job.formatReport(result, destination)}\n`);
		if (printOnly) process.stdout.write(`\n${formatEventLines(collector.events)}\n`);
		return 0;
	} finally {
		await stripeLocation.close();
	}
}

/** The CLI's entry point: runs the job with the process's arguments and environment, sets the exit code. */
export function runJobCli<Config extends CommonJobConfig, Result extends { published: JobEvent[] }>(
	job: JobCli<Config, Result>,
): Promise<void> {
	return executeJobCli(job, process.argv.slice(2)).then(
		(code) => {
			process.exitCode = code;
		},
		(error: unknown) => {
			process.stderr.write(
				`${job.command}: ${error instanceof Error ? error.message : String(error)}\n`,
			);
			process.exitCode = 1;
		},
	);
}
