/** This package as a tarball, and that tarball installed where n8n's community-package installer puts it. */
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { PACKAGE_NAME, REPO_ROOT } from './repository';

const execFileAsync = promisify(execFile);

/** Builds the package and packs it with `npm pack`; returns the tarball path inside `outDir`. */
export async function buildPackageTarball(outDir: string): Promise<string> {
	mkdirSync(outDir, { recursive: true });
	try {
		await execFileAsync('npm', ['run', 'build', '--silent'], {
			cwd: REPO_ROOT,
			maxBuffer: 64 * 1024 * 1024,
		});
	} catch (error) {
		// n8n-node build prints a spinner; keep only the compiler's own lines.
		const output = `${(error as { stdout?: string }).stdout ?? ''}${(error as { stderr?: string }).stderr ?? ''}`;
		const problems = output
			.split(/[\n,]/)
			.filter((line) => /error TS\d+|error:/i.test(line))
			.map((line) => line.replace(/^[\s│■]+/, '').trim());
		throw new Error(`npm run build failed:\n${problems.join('\n') || output}`);
	}
	await execFileAsync('npm', ['pack', '--silent', '--pack-destination', outDir], {
		cwd: REPO_ROOT,
		maxBuffer: 64 * 1024 * 1024,
	});
	const tarball = readdirSync(outDir).find(
		(name) => name.startsWith(`${PACKAGE_NAME}-`) && name.endsWith('.tgz'),
	);
	if (!tarball) throw new Error(`npm pack wrote no ${PACKAGE_NAME}-*.tgz into ${outDir}`);
	return join(outDir, tarball);
}

/**
 * Unpacks the tarball where n8n's community-package installer puts it:
 * `<N8N_USER_FOLDER>/.n8n/nodes/node_modules/<package>`. The package has no runtime dependencies, so
 * unpacking is exactly what `npm install` would leave there.
 */
export async function installPackageTarball(tarball: string, userFolder: string): Promise<string> {
	const nodesDir = join(userFolder, '.n8n', 'nodes');
	const target = join(nodesDir, 'node_modules', PACKAGE_NAME);
	mkdirSync(target, { recursive: true });
	await execFileAsync('tar', ['-xzf', tarball, '-C', target, '--strip-components=1']);
	// n8n's installer records what it installed in the nodes folder's package.json; do the same.
	const { version } = JSON.parse(readFileSync(join(target, 'package.json'), 'utf8')) as {
		version: string;
	};
	writeFileSync(
		join(nodesDir, 'package.json'),
		JSON.stringify({
			name: 'installed-nodes',
			private: true,
			dependencies: { [PACKAGE_NAME]: version },
		}),
	);
	return target;
}
