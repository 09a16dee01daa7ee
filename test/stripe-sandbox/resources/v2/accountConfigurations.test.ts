import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
	CAPABILITIES,
	CONFIGURATION_NAMES,
} from '../../../../stripe-sandbox/resources/v2/accountConfigurations';

// The pinned SDK's own type files (the package exports no subpaths, so find its folder from its entry).
const entry = createRequire(import.meta.url).resolve('stripe');
const stripeRoot = entry.slice(
	0,
	entry.lastIndexOf('/node_modules/stripe/') + '/node_modules/stripe'.length,
);
const eventTypes = readFileSync(join(stripeRoot, 'esm/resources/V2/Core/Events.d.ts'), 'utf8');
const accountTypes = readFileSync(join(stripeRoot, 'esm/resources/V2/Core/Accounts.d.ts'), 'utf8');

describe('v2 account configurations', () => {
	it('names exactly the capabilities stripe 23.1.0 reports per configuration', () => {
		for (const name of CONFIGURATION_NAMES) {
			const union = new RegExp(
				`type: 'v2\\.core\\.account\\[configuration\\.${name}\\]\\.capability_status_updated';[\\s\\S]*?type UpdatedCapability = ([^;]+);`,
			).exec(eventTypes)?.[1];
			expect(union, name).toBeDefined();
			const sdkNames = [...(union as string).matchAll(/'([a-z0-9_.]+)'/g)].map((match) => match[1]);
			// `stripe.transfers` is an older alias of stripe_balance.stripe_transfers the create params lack.
			expect([...CAPABILITIES[name]].sort()).toEqual(
				sdkNames.filter((capability) => capability !== 'stripe.transfers').sort(),
			);
		}
	});

	it('uses capability names the create params accept', () => {
		for (const capability of Object.values(CAPABILITIES).flat()) {
			const leaf = capability.split('.').at(-1) as string;
			expect(accountTypes, capability).toContain(`${leaf}?:`);
		}
	});
});
