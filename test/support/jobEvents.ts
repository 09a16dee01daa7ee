import type { JobEvent } from '../../functions/shared/jobEvents';

/** A small test event numbered `index` (its eventKey is `test:<index>`), optionally padded to a size. */
export function testEvent(index: number, padding = ''): JobEvent {
	return {
		source: 'stripe-connect.test',
		detailType: 'Test Event',
		detail: {
			eventKey: `test:${index}`,
			account: `acct_${index}`,
			payout: null,
			amount: index,
			currency: 'usd',
			padding,
		},
	};
}
