import { createRequire } from 'node:module';

import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
	resolve: {
		// n8n loads community nodes with require(), so nodes and n8n-core share one n8n-workflow. Without
		// this alias vitest would give our TypeScript sources the ESM build and n8n-core the CommonJS one,
		// and `instanceof NodeApiError` checks inside n8n-core would fail.
		alias: { 'n8n-workflow': require.resolve('n8n-workflow') },
	},
	test: {
		include: ['test/**/*.test.ts'],
		exclude: ['test/e2e/**', 'node_modules/**'],
		testTimeout: 30_000,
		hookTimeout: 120_000,
		// The in-process n8n runner writes its config under N8N_USER_FOLDER; keep it out of $HOME.
		// n8n-core logs every node failure through its own logger; tests assert on the errors instead.
		env: { N8N_USER_FOLDER: '/tmp/n8n-nodes-stripe-connect-vitest', N8N_LOG_LEVEL: 'silent' },
	},
});
