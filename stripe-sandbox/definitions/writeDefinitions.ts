import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { generateDefinitions } from './generateDefinitions';
import { serializeDefinitions } from './serializeDefinitions';

// Not imported from loadDefinitions.ts, which reads the file this script may be about to create.
const DEFINITIONS_FILE = fileURLToPath(new URL('stripe-definitions.json', import.meta.url));

// `npm run sandbox:definitions`: regenerates the definitions from the installed `stripe` SDK. Run it
// after every `stripe` upgrade and review the diff: it lists what the new API version changed.
const definitions = generateDefinitions();
writeFileSync(DEFINITIONS_FILE, serializeDefinitions(definitions));
console.log(
	`Wrote ${DEFINITIONS_FILE}: Stripe API ${definitions.apiVersion} (stripe ${definitions.sdkVersion}), ` +
		`${definitions.endpoints.length} endpoints, ${Object.keys(definitions.objects).length} objects.`,
);
