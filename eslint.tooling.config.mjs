// Lint config for the code that is not part of the n8n package (Lambda jobs, sandbox, tests, scripts).
// It keeps the template's TypeScript and import rules and lifts only the n8n Cloud restrictions on
// imports, globals and console output, which apply to community nodes and not to this code.
import { config } from '@n8n/node-cli/eslint';

export default [
	...config,
	{
		files: ['**/*.ts'],
		rules: {
			'@n8n/community-nodes/no-restricted-imports': 'off',
			'@n8n/community-nodes/no-restricted-globals': 'off',
			'no-console': 'off',
		},
	},
];
