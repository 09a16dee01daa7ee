import { defineConfig } from 'vitest/config';

// The end-to-end suite drives a real n8n (Node 24, installed once into a cache folder by
// scripts/ensure-n8n.sh) with the package installed from its `npm pack` tarball.
export default defineConfig({
	test: {
		include: ['test/e2e/**/*.e2e.test.ts'],
		globalSetup: ['test/e2e/globalSetup.ts'],
		// One file at a time: each starts n8n processes, and CI machines have two cores.
		fileParallelism: false,
		// n8n CLI commands each boot n8n (several seconds); a cold install takes ~10 minutes.
		testTimeout: 600_000,
		hookTimeout: 1_800_000,
	},
});
