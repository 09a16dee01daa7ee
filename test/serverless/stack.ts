// Helpers over the real output of `npm run package`: the generated CloudFormation template, its
// intrinsic functions evaluated the way CloudFormation would for given conditions, and the zips.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { readZip as readZipBuffer } from '../../scripts/packageReport';

const run = promisify(execFile);

/** The repository root, where serverless.yml lives. */
export const repositoryRoot = fileURLToPath(new URL('../..', import.meta.url));

/** A CloudFormation resource as the template holds it. */
export interface TemplateResource {
	Type: string;
	Condition?: string;
	DependsOn?: string | string[];
	Properties: Record<string, unknown>;
}

/** The parts of a CloudFormation template the tests read. */
export interface Template {
	Conditions?: Record<string, unknown>;
	Resources: Record<string, TemplateResource>;
	Outputs?: Record<string, unknown>;
}

/** A packaged service: where its artifacts are and its template. */
export interface PackagedService {
	directory: string;
	template: Template;
	output: string;
}

/** Stage parameter overrides passed as `--param name=value`. */
export type ParamOverrides = Record<string, string>;

const createdDirectories: string[] = [];

async function packageDirectory(stage: string): Promise<string> {
	const directory = await mkdtemp(join(tmpdir(), `stripe-connect-jobs-${stage}-`));
	createdDirectories.push(directory);
	return directory;
}

/** Deletes every package folder this module created. */
export async function removePackagedServices(): Promise<void> {
	await Promise.all(
		createdDirectories
			.splice(0)
			.map((directory) => rm(directory, { recursive: true, force: true })),
	);
}

/** A lock directory per checkout, shared by every process that packages it. */
const packagingLock = join(
	tmpdir(),
	`stripe-connect-jobs-packaging-${createHash('sha256').update(repositoryRoot).digest('hex').slice(0, 12)}.lock`,
);

function isRunning(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

/**
 * Runs `work` while holding the checkout's packaging lock. Packagings of one checkout share its
 * .serverless and .esbuild folders, and vitest runs test files in parallel processes, so suites that
 * package (the template tests, the state machine suite) take turns. A lock left by a dead process is
 * taken over.
 */
async function withPackagingLock<T>(work: () => Promise<T>): Promise<T> {
	for (;;) {
		try {
			await mkdir(packagingLock);
			break;
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
			const owner = Number(await readFile(join(packagingLock, 'pid'), 'utf8').catch(() => 'NaN'));
			if (Number.isInteger(owner) && !isRunning(owner)) {
				await rm(packagingLock, { recursive: true, force: true });
				continue;
			}
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
	}
	try {
		await writeFile(join(packagingLock, 'pid'), String(process.pid));
		return await work();
	} finally {
		await rm(packagingLock, { recursive: true, force: true });
	}
}

function paramArguments(params: ParamOverrides): string[] {
	return Object.entries(params).flatMap(([name, value]) => ['--param', `${name}=${value}`]);
}

/** Runs `npm run package` (scripts/package.mjs) for a stage into a fresh temporary folder. */
export async function packageService(
	stage: string,
	params: ParamOverrides = {},
): Promise<PackagedService> {
	const directory = await packageDirectory(stage);
	const { stdout, stderr } = await withPackagingLock(() =>
		run(
			process.execPath,
			['scripts/package.mjs', '--stage', stage, '--package', directory, ...paramArguments(params)],
			{
				cwd: repositoryRoot,
				env: { ...process.env, PACKAGE_TIMEOUT_SECONDS: '240' },
				maxBuffer: 16 << 20,
			},
		),
	);
	const template = JSON.parse(
		await readFile(join(directory, 'cloudformation-template-update-stack.json'), 'utf8'),
	) as Template;
	return { directory, template, output: stdout + stderr };
}

/** Runs `npm run package` expecting it to fail; returns everything it printed. */
export async function packageServiceFailure(
	stage: string,
	params: ParamOverrides,
): Promise<string> {
	const directory = await packageDirectory(stage);
	try {
		await withPackagingLock(() =>
			run(
				process.execPath,
				[
					'scripts/package.mjs',
					'--stage',
					stage,
					'--package',
					directory,
					...paramArguments(params),
				],
				{
					cwd: repositoryRoot,
					env: { ...process.env, PACKAGE_TIMEOUT_SECONDS: '240' },
					maxBuffer: 16 << 20,
				},
			),
		);
	} catch (error) {
		const failure = error as { stdout?: string; stderr?: string };
		return `${failure.stdout ?? ''}${failure.stderr ?? ''}`;
	}
	throw new Error(`Packaging with ${JSON.stringify(params)} succeeded but was expected to fail.`);
}

/** Runs `osls print` for a stage and returns the resolved configuration. */
export async function printService(
	stage: string,
	params: ParamOverrides = {},
): Promise<Record<string, unknown>> {
	const { stdout } = await run(
		join(repositoryRoot, 'node_modules', '.bin', 'osls'),
		['print', '--stage', stage, '--format', 'json', ...paramArguments(params)],
		{ cwd: repositoryRoot, timeout: 120_000, maxBuffer: 16 << 20 },
	);
	return JSON.parse(stdout.slice(stdout.indexOf('{'))) as Record<string, unknown>;
}

/** Pseudo parameters of the account and region the tests pretend to deploy to. */
export const PSEUDO_PARAMETERS: Record<string, string> = {
	'AWS::Partition': 'aws',
	'AWS::Region': 'eu-west-1',
	'AWS::AccountId': '123456789012',
};

/** Marker for `Ref: AWS::NoValue`, removed from the lists and objects that hold it. */
const NO_VALUE = Symbol('AWS::NoValue');

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Evaluates one of the template's conditions. */
export function evaluateCondition(template: Template, name: string): boolean {
	const definition = template.Conditions?.[name];
	if (definition === undefined) throw new Error(`The template has no condition "${name}".`);
	const result = resolveIntrinsics(template, definition);
	if (typeof result !== 'boolean')
		throw new Error(`Condition "${name}" did not evaluate to a boolean.`);
	return result;
}

/**
 * Resolves Fn::If, Fn::Equals, Fn::Not, Fn::And, Fn::Or, Condition, `Ref: AWS::NoValue` and pseudo
 * parameters (also inside Fn::Sub). Refs and GetAtts of resources stay as they are: they name what a
 * statement points at, which is what the tests compare.
 */
export function resolveIntrinsics(template: Template, value: unknown): unknown {
	const resolved = resolveValue(template, value);
	return resolved === NO_VALUE ? undefined : resolved;
}

function resolveValue(template: Template, value: unknown): unknown {
	if (Array.isArray(value)) {
		return value.map((item) => resolveValue(template, item)).filter((item) => item !== NO_VALUE);
	}
	if (!isObject(value)) return value;
	const keys = Object.keys(value);
	if (keys.length === 1) {
		const [key] = keys;
		const argument = value[key];
		switch (key) {
			case 'Fn::If': {
				const [condition, whenTrue, whenFalse] = argument as [string, unknown, unknown];
				return resolveValue(
					template,
					evaluateCondition(template, condition) ? whenTrue : whenFalse,
				);
			}
			case 'Fn::Equals': {
				const [left, right] = (argument as unknown[]).map((item) => resolveValue(template, item));
				return JSON.stringify(left) === JSON.stringify(right);
			}
			case 'Fn::Not':
				return !(resolveValue(template, (argument as unknown[])[0]) as boolean);
			case 'Fn::And':
				return (argument as unknown[]).every((item) => resolveValue(template, item) === true);
			case 'Fn::Or':
				return (argument as unknown[]).some((item) => resolveValue(template, item) === true);
			case 'Condition':
				return evaluateCondition(template, argument as string);
			case 'Ref':
				if (argument === 'AWS::NoValue') return NO_VALUE;
				if (typeof argument === 'string' && argument in PSEUDO_PARAMETERS)
					return PSEUDO_PARAMETERS[argument];
				return value;
			case 'Fn::Sub':
				if (typeof argument === 'string') {
					const substituted = argument.replace(/\$\{(AWS::[A-Za-z]+)\}/g, (whole, name: string) =>
						name in PSEUDO_PARAMETERS ? PSEUDO_PARAMETERS[name] : whole,
					);
					return substituted.includes('${') ? { 'Fn::Sub': substituted } : substituted;
				}
				return value;
			default:
				break;
		}
	}
	const result: Record<string, unknown> = {};
	for (const [key, item] of Object.entries(value)) {
		const resolved = resolveValue(template, item);
		if (resolved !== NO_VALUE) result[key] = resolved;
	}
	return result;
}

/** The resources CloudFormation would create, with every intrinsic above resolved. */
export function deployedResources(template: Template): Record<string, TemplateResource> {
	const resources: Record<string, TemplateResource> = {};
	for (const [logicalId, resource] of Object.entries(template.Resources)) {
		if (resource.Condition !== undefined && !evaluateCondition(template, resource.Condition))
			continue;
		resources[logicalId] = resolveIntrinsics(template, resource) as TemplateResource;
	}
	return resources;
}

/** The policy statements of an IAM role's inline policies, resolved. */
export function roleStatements(
	resources: Record<string, TemplateResource>,
	roleId: string,
): unknown[] {
	const role = resources[roleId];
	if (role?.Type !== 'AWS::IAM::Role')
		throw new Error(`${roleId} is not an IAM role in the template.`);
	const policies = (role.Properties.Policies ?? []) as Array<{
		PolicyDocument: { Statement: unknown[] };
	}>;
	return policies.flatMap((policy) => policy.PolicyDocument.Statement);
}

/** The files of a zip archive on disk, by path. */
export async function readZip(path: string): Promise<Map<string, Buffer>> {
	return readZipBuffer(await readFile(path));
}
