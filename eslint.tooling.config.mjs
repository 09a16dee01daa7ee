// Lint config for the code that is not part of the n8n package (Lambda jobs, sandbox, tests, scripts,
// benchmarks). It keeps the template's JavaScript, TypeScript and import rules and turns off the rules
// written for community node packages (n8n Cloud import/global restrictions, node-class and
// credential conventions), which do not describe this code.
import { config } from '@n8n/node-cli/eslint';

const packageOnlyRulePrefixes = ['@n8n/community-nodes/', 'n8n-nodes-base/'];

const packageOnlyRules = Object.fromEntries(
	config
		.flatMap((block) => Object.keys(block.rules ?? {}))
		.filter((rule) => packageOnlyRulePrefixes.some((prefix) => rule.startsWith(prefix)))
		.map((rule) => [rule, 'off']),
);

export default [
	...config,
	{
		files: ['**/*.ts'],
		rules: { ...packageOnlyRules, 'no-console': 'off' },
	},
];
