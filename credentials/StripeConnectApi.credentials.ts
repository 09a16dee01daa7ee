import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';
import { CREDENTIAL_BLANKING_VALUE } from 'n8n-workflow';

import {
	DEFAULT_STRIPE_BASE_URL,
	TESTED_STRIPE_API_VERSION,
	stripeAuthHeaders,
} from '../nodes/shared/stripeApi';

/** What the editor holds in place of a saved key (n8n never sends the stored key back to it). */
const SAVED_KEY_STAND_IN = CREDENTIAL_BLANKING_VALUE;

/**
 * A display condition matching a key that starts with any of the prefixes. Plain prefix checks, never
 * `_cnd: { regex }`: n8n runs every regex condition in a `node:vm` with a 250 ms wall-clock timeout,
 * each time a node resolves the credential (once per Stripe request), so on a busy host a trivial
 * pattern can time out and fail the request (docs/demo.md, "A busy machine").
 */
function keyStartingWith(...prefixes: string[]) {
	return prefixes.map((prefix) => ({ _cnd: { startsWith: prefix } }));
}

export class StripeConnectApi implements ICredentialType {
	name = 'stripeConnectApi';

	displayName = 'Stripe Connect API';

	icon: Icon = {
		light: 'file:../nodes/StripeConnect/stripeConnect.svg',
		dark: 'file:../nodes/StripeConnect/stripeConnect.dark.svg',
	};

	documentationUrl =
		'https://github.com/n8n-nodes-stripe-connect/n8n-nodes-stripe-connect#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'Secret or Restricted Key',
			name: 'secretKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			placeholder: 'sk_test_… or rk_live_…',
			description:
				"The platform account's secret key (sk_…) or a restricted key (rk_…) with the permissions your workflows need. Connected accounts are reached with the Connected Account option, never with their own keys.",
		},
		{
			displayName: 'Test mode: this key reaches Stripe test data only. No real money moves.',
			name: 'testModeNotice',
			type: 'notice',
			default: '',
			displayOptions: { show: { secretKey: keyStartingWith('sk_test_', 'rk_test_') } },
		},
		{
			displayName:
				'Live mode: workflows using this key move real money. Test them with a test key first.',
			name: 'liveModeNotice',
			type: 'notice',
			default: '',
			displayOptions: { show: { secretKey: keyStartingWith('sk_live_', 'rk_live_') } },
		},
		// n8n 2.41.1 shows only "Connection tested successfully" for a credential test that passes (the
		// editor drops the test's message, and a test result is only OK or Error), so the mode and account
		// that stripeConnectApiTest reports reach the user only when the test fails. This notice does not
		// promise more than the editor shows.
		{
			displayName:
				'A saved key is not shown again. Retest checks that it still reaches Stripe; to see here whether it is a test or a live key, paste it again. Every Stripe object a node returns also says its mode (livemode).',
			name: 'savedKeyNotice',
			type: 'notice',
			default: '',
			displayOptions: {
				show: { secretKey: [{ _cnd: { startsWith: SAVED_KEY_STAND_IN } }] },
			},
		},
		{
			displayName:
				'This does not look like a Stripe secret or restricted key. It must start with sk_test_, sk_live_, rk_test_ or rk_live_.',
			name: 'malformedKeyNotice',
			type: 'notice',
			default: '',
			displayOptions: {
				show: { secretKey: [{ _cnd: { exists: true } }] },
				hide: {
					secretKey: keyStartingWith(
						'sk_test_',
						'sk_live_',
						'rk_test_',
						'rk_live_',
						SAVED_KEY_STAND_IN,
					),
				},
			},
		},
		{
			displayName: 'API Version',
			name: 'apiVersion',
			type: 'string',
			default: TESTED_STRIPE_API_VERSION,
			description:
				'Sent as the Stripe-Version header on every request and pinned on webhook endpoints the trigger creates. Leave the default (the version this package is tested against) unless you know you need another; empty uses your account default.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: DEFAULT_STRIPE_BASE_URL,
			description:
				'Where API requests go. Keep the default for Stripe; point it at the local Stripe Connect sandbox for offline testing.',
		},
		{
			displayName: 'Requests per Second',
			name: 'requestsPerSecond',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 10000 },
			default: 0,
			description:
				"How fast the Stripe Connect node of this n8n process sends requests with this key, all items and executions together. 0 uses Stripe's limit for the key: 25 per second in test mode, 100 in live mode. Lower it when other software uses the same Stripe account.",
		},
		{
			displayName: 'Max Requests in Flight',
			name: 'maxRequestsInFlight',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 10000 },
			default: 0,
			description:
				'How many requests with this key may wait for Stripe at the same time. 0 allows one second of requests (the Requests per Second).',
		},
	];

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		return {
			...requestOptions,
			headers: {
				...(requestOptions.headers as Record<string, string> | undefined),
				...stripeAuthHeaders(credentials),
			},
		};
	}
}
