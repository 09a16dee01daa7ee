/**
 * Once per `npm run test:e2e`: make sure the cached n8n exists, build and `npm pack` the package.
 * Test files receive both through vitest's `inject`. `N8N_E2E_TARBALL=<path to .tgz>` tests an
 * existing tarball instead (for example the exact file about to be published).
 */
import { resolve } from 'node:path';

import type { TestProject } from 'vitest/node';

import { ensureN8nInstalled } from '../../scripts/lib/n8nInstall';
import type { N8nInstall } from '../../scripts/lib/n8nInstall';
import { buildPackageTarball } from '../../scripts/lib/packageTarball';
import { makeTempFolder, removeTempFolder } from '../../scripts/lib/tempFolder';

declare module 'vitest' {
	export interface ProvidedContext {
		n8nInstall: N8nInstall;
		packageTarball: string;
	}
}

export default async function setup(project: TestProject): Promise<() => void> {
	const packFolder = makeTempFolder('pack');
	const givenTarball = process.env.N8N_E2E_TARBALL;
	let install: N8nInstall;
	let tarball: string;
	try {
		[install, tarball] = await Promise.all([
			ensureN8nInstalled(),
			givenTarball ? Promise.resolve(resolve(givenTarball)) : buildPackageTarball(packFolder),
		]);
	} catch (error) {
		removeTempFolder(packFolder);
		throw error;
	}
	project.provide('n8nInstall', install);
	project.provide('packageTarball', tarball);
	return () => removeTempFolder(packFolder);
}
