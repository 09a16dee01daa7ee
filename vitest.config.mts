import { defineConfig } from 'vitest/config';

export default defineConfig({
	test: {
		include: ['test/**/*.test.ts'],
		exclude: ['test/e2e/**', 'node_modules/**'],
		testTimeout: 30_000,
		hookTimeout: 60_000,
		// The in-process n8n runner writes its config under N8N_USER_FOLDER; keep it out of $HOME.
		env: { N8N_USER_FOLDER: '/tmp/n8n-nodes-stripe-connect-vitest' },
	},
});
