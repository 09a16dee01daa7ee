/**
 * `npm run scan:package [-- --tarball <file.tgz>]`: n8n's verification scanner, offline. n8n runs
 * `@n8n/scan-community-package` on every package it verifies: it checks the npm provenance, then
 * lints the source the provenance attests (nodes/, credentials/, package.json) and the published
 * tarball (compiled .js and package.json). The provenance check needs the published package; this
 * runs the scanner's own `analyzePackage` on the other two, so CI fails on what n8n would refuse.
 * Without --tarball it builds and packs the package first.
 */
import { execFile } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { parseArgs, promisify } from 'node:util';

import { buildPackageTarball } from './lib/packageTarball';
import { REPO_ROOT } from './lib/repository';
import { makeTempFolder, removeTempFolder } from './lib/tempFolder';

const execFileAsync = promisify(execFile);

/** What `analyzePackage` returns. */
interface AnalysisResult {
	passed: boolean;
	message?: string;
	details?: string;
}

interface Scanner {
	analyzePackage(folder: string, filePatterns?: string[]): Promise<AnalysisResult>;
	SOURCE_FILE_PATTERNS: string[];
}

/** The file patterns n8n's scanner lints in the tarball (scanner.mjs, `analyzePackageByName`). */
const TARBALL_FILE_PATTERNS = ['**/*.js', 'package.json'];

/**
 * Loads the scanner with its temp folder inside `folder`: it makes one when imported and never
 * removes it, so it goes where this script cleans up.
 */
async function loadScanner(folder: string): Promise<Scanner> {
	const previous = process.env.TMPDIR;
	process.env.TMPDIR = folder;
	try {
		return (await import('@n8n/scan-community-package/scanner/scanner.mjs')) as Scanner;
	} finally {
		if (previous === undefined) delete process.env.TMPDIR;
		else process.env.TMPDIR = previous;
	}
}

function report(label: string, result: AnalysisResult): boolean {
	console.log(`${result.passed ? 'passed' : 'FAILED'}  ${label}`);
	if (!result.passed) {
		console.log(`  ${result.message ?? 'no message'}`);
		if (result.details) console.log(result.details);
	}
	return result.passed;
}

async function main(): Promise<void> {
	const { values } = parseArgs({ options: { tarball: { type: 'string' } }, strict: true });
	const workFolder = makeTempFolder('scan');
	try {
		const tarball = values.tarball
			? resolve(values.tarball)
			: await buildPackageTarball(join(workFolder, 'pack'));
		const unpacked = join(workFolder, 'package');
		mkdirSync(unpacked);
		await execFileAsync('tar', ['-xzf', tarball, '-C', unpacked, '--strip-components=1']);
		const scannerTemp = join(workFolder, 'scanner-tmp');
		mkdirSync(scannerTemp);
		const scanner = await loadScanner(scannerTemp);

		console.log('n8n community package scan (@n8n/scan-community-package, analyzePackage)');
		const passed = [
			report(
				`tarball ${basename(tarball)}: ${TARBALL_FILE_PATTERNS.join(', ')}`,
				await scanner.analyzePackage(unpacked, TARBALL_FILE_PATTERNS),
			),
			report(
				`source: ${scanner.SOURCE_FILE_PATTERNS.join(', ')}`,
				await scanner.analyzePackage(REPO_ROOT, scanner.SOURCE_FILE_PATTERNS),
			),
		].every(Boolean);
		console.log(
			'not checked here: npm provenance (n8n reads it from the published version; .github/workflows/release.yml publishes with it)',
		);
		if (!passed) process.exitCode = 1;
	} finally {
		removeTempFolder(workFolder);
	}
}

main().catch((error: unknown) => {
	console.error(error instanceof Error ? error.message : String(error));
	process.exit(1);
});
