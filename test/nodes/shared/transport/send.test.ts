import { describe, expect, it } from 'vitest';

import { StripePacer } from '../../../../nodes/shared/transport/pacing';
import { sendStripeRequest, type StripeCallContext } from '../../../../nodes/shared/transport/send';
import { StripeInputError } from '../../../../nodes/shared/validation';

describe('sendStripeRequest', () => {
	it('gives the slot it was handed back when the request cannot be built, so the pacer is not one short', async () => {
		const pacer = new StripePacer({ requestsPerSecond: 10, maxInFlight: 1 });
		const slot = await pacer.acquire();

		await expect(
			sendStripeRequest(
				{} as StripeCallContext,
				{ baseUrl: 'http://127.0.0.1:1', credentials: {}, pacer },
				{ method: 'GET', path: '/v1/balance', stripeAccount: 'acct_1', stripeContext: 'acct_2' },
				{ firstSlot: slot },
			),
		).rejects.toThrow(StripeInputError);

		const next = pacer.acquire();
		expect(pacer.queued).toBe(0);
		(await next).release();
	});
});
