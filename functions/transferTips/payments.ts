import type Stripe from 'stripe';
import type { Logger } from '@aws-lambda-powertools/logger';

import {
	LIST_PAGE_SIZE,
	listAllPages,
	type PageCursor,
	type StripeConnection,
} from '../shared/stripeClient';
import {
	chooseSliceCount,
	DEFAULT_EXTRA_PAGE_RATIO,
	estimateRemainingPages,
	sliceCreatedRange,
	type CreatedRange,
	type PaymentSlicing,
} from './paymentSlices';
import type { PayPeriod } from './period';

/** One page of the period's payments in a `created` range (the caller runs it under the budget). */
function fetchPaymentPage(
	{ stripe }: StripeConnection,
	range: CreatedRange,
	cursor: PageCursor,
): Promise<Stripe.ApiList<Stripe.PaymentIntent>> {
	return stripe.paymentIntents.list({
		limit: LIST_PAGE_SIZE,
		created: { gte: range.gte, lt: range.lt },
		expand: ['data.latest_charge'],
		...cursor,
	});
}

/**
 * Reads the period's payments. The first page is read over the whole period; when there is more,
 * the rest (down to the second of the first page's oldest payment, which may hold more payments) is
 * split into `created` slices read concurrently, as many as the first page's density says the
 * extra-call allowance pays for (see paymentSlices.ts). The newest slice continues after the first
 * page, so nothing is read twice; the merge keeps Stripe's newest-first order and drops any id seen
 * already.
 */
export async function listPeriodPayments(
	connection: StripeConnection,
	period: Pick<PayPeriod, 'start' | 'end'>,
	options: { slicing?: Partial<PaymentSlicing>; logger?: Logger } = {},
): Promise<Stripe.PaymentIntent[]> {
	const { budget } = connection;
	const whole = { gte: period.start, lt: period.end };
	const first = await budget.call('paymentIntents.list', () =>
		fetchPaymentPage(connection, whole, {}),
	);
	if (!first.has_more || first.data.length === 0) return first.data;
	const last = first.data[first.data.length - 1];
	const rest = { gte: whole.gte, lt: Math.min(whole.lt, last.created + 1) };
	const slicing: PaymentSlicing = {
		extraPageRatio: options.slicing?.extraPageRatio ?? DEFAULT_EXTRA_PAGE_RATIO,
		maxSlices: options.slicing?.maxSlices ?? budget.concurrencyLimit,
	};
	const estimatedPages = estimateRemainingPages(first.data, rest.gte, LIST_PAGE_SIZE);
	const sliceCount = chooseSliceCount(estimatedPages, slicing);
	// One slice is the plain cursor chain over the whole period.
	const slices = sliceCount === 1 ? [whole] : sliceCreatedRange(rest, sliceCount);
	options.logger?.info('Reading payments', { estimatedPages, slices: slices.length });
	const pages = await Promise.all(
		slices.map((slice, index) =>
			listAllPages(
				budget,
				'paymentIntents.list',
				(cursor) => fetchPaymentPage(connection, slice, cursor),
				index === 0 ? { starting_after: last.id } : {},
			),
		),
	);
	const seen = new Set<string>();
	const payments: Stripe.PaymentIntent[] = [];
	for (const payment of [first.data, ...pages].flat()) {
		if (seen.has(payment.id)) continue;
		seen.add(payment.id);
		payments.push(payment);
	}
	return payments;
}
