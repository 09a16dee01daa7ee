import { ZERO_DECIMAL_CURRENCIES } from '../core';
import type { SandboxCore } from '../core';
import { SeededRandom } from '../random';
import type { ScenarioBuilders } from '../scenarios';

/** Ids of the demo's notable objects, so demos and tests can point at them. */
export interface DemoSeedSummary {
	accounts: Array<{ id: string; country: string; currency: string; type: string; name: string }>;
	payouts: {
		failed: string;
		mismatch: string;
		overdueInTransit: string;
		manual: string;
		instant: string;
		/** Automatic payouts that arrived in the last 24 hours and reconcile: the everyday case. */
		reconciledYesterday: string[];
	};
	dispute: string;
	/** The previous complete ISO week (Monday 00:00 UTC to the next Monday), where the tips are. */
	tipWeek: { start: number; end: number };
	tippedPaymentIntents: string[];
	specialTips: {
		partlyRefunded: string;
		fullyRefunded: string;
		inactiveRecipient: string;
		belowMinimum: string;
	};
}

const DAY = 86_400;

const COUNTRIES: Array<[string, number]> = [
	['US', 8],
	['GB', 5],
	['DE', 4],
	['FR', 3],
	['JP', 3],
	['CA', 3],
	['AU', 3],
	['NL', 1],
];

const NAMES = [
	'Maple Crafts',
	'Blue Fern Studio',
	'Harbor Coffee',
	'Nordlicht Keramik',
	'Atelier Lune',
	'Sakura Prints',
	'Red Rock Outfitters',
	'Thistle & Co',
	'Kangaroo Cove Surf',
	'Polder Bikes',
	'Golden Gate Bakes',
	'Brighton Books',
	'Schwarzwald Uhren',
	'Boulangerie Belle',
	'Kyoto Tea House',
	'Yukon Knits',
	'Bondi Boards',
	'Brooklyn Beats',
	'Cotswold Candles',
	'Berliner Brot',
	'Provence Parfums',
	'Osaka Ramen Kit',
	'Toronto Tiles',
	'Outback Leather',
	'Austin Hot Sauce',
	'Seattle Cycles',
	'Edinburgh Tweed',
	'München Maß',
	'Lyon Soie',
	'Vancouver Glass',
];

function minorAmount(random: SeededRandom, currency: string, low: number, high: number): number {
	return ZERO_DECIMAL_CURRENCIES.has(currency)
		? random.int(low, high) * 1
		: random.int(low, high) * 10;
}

/** Every fifth account is paid out weekly, the others daily. */
function paidOutWeekly(accountIndex: number): boolean {
	return accountIndex % 5 === 4;
}

/** Monday 00:00 UTC of the ISO week before the one containing `now`. */
export function previousIsoWeekStart(now: number): number {
	const dayStart = now - (now % DAY);
	const weekday = (new Date(dayStart * 1000).getUTCDay() + 6) % 7;
	return dayStart - weekday * DAY - 7 * DAY;
}

/**
 * Builds a believable marketplace: 30 connected accounts in eight countries (Express and Standard),
 * destination charges with application fees, reconciled automatic payouts (over the last weeks and,
 * for every account paid out daily, one that arrived in the last 24 hours) plus a failed one
 * (account_closed), a mismatch, one overdue in transit, a manual and an instant payout, a dispute,
 * and tipped payment intents in the previous complete ISO week. Same input, same platform.
 *
 * The last-24-hours payouts put the everyday case into the default window of `npm run reconcile`
 * (the last 24 hours plus an overlap): most payouts reconcile, beside the four problems.
 */
export function seedDemoPlatform(core: SandboxCore, state: ScenarioBuilders): DemoSeedSummary {
	const random = new SeededRandom(20_241_104);
	const now = core.now();
	const accounts: DemoSeedSummary['accounts'] = [];
	let index = 0;
	for (const [country, count] of COUNTRIES) {
		for (let n = 0; n < count; n++, index++) {
			const type = index % 3 === 2 ? 'standard' : 'express';
			const account = state.createConnectedAccount({
				country,
				type,
				email: `owner${index + 1}@${NAMES[index].toLowerCase().replace(/[^a-z]+/g, '')}.example`,
				business_name: NAMES[index],
				business_type: index % 4 === 0 ? 'individual' : 'company',
				payoutSchedule: paidOutWeekly(index)
					? { interval: 'weekly', weekly_anchor: 'friday', delay_days: 2 }
					: { interval: 'daily', delay_days: 2 },
				metadata: { seller_id: `seller_${String(index + 1).padStart(3, '0')}` },
				created: now - random.int(60, 400) * DAY,
			});
			accounts.push({
				id: account.id,
				country,
				currency: account.default_currency as string,
				type,
				name: NAMES[index],
			});
		}
	}
	for (const currency of new Set(accounts.map((account) => account.currency))) {
		state.fundBalance({
			currency,
			amount: ZERO_DECIMAL_CURRENCIES.has(currency) ? 2_000_000 : 5_000_000,
		});
	}

	// Reconciled automatic payouts: what each account was paid out over the last weeks.
	for (const account of accounts) {
		for (let week = 3; week >= 1; week--) {
			const transactions = Array.from({ length: random.int(2, 5) }, () => {
				const amount = minorAmount(random, account.currency, 150, 2500);
				return { type: 'payment', amount, fee: Math.round(amount * 0.1) };
			});
			if (random.next() < 0.3)
				transactions.push({
					type: 'payment_refund',
					amount: -minorAmount(random, account.currency, 50, 300),
					fee: 0,
				});
			if (random.next() < 0.15)
				transactions.push({
					type: 'adjustment',
					amount: -minorAmount(random, account.currency, 10, 80),
					fee: 0,
				});
			state.createAutomaticPayout({
				account: account.id,
				currency: account.currency,
				transactions,
				created: now - week * 7 * DAY,
				arrival_date: now - week * 7 * DAY + 2 * DAY,
			});
		}
	}

	const [usA, usB, usC, usD] = accounts.filter((account) => account.country === 'US');
	const gb = accounts.find(
		(account) => account.country === 'GB',
	) as DemoSeedSummary['accounts'][number];
	const de = accounts.find(
		(account) => account.country === 'DE',
	) as DemoSeedSummary['accounts'][number];
	const fr = accounts.find(
		(account) => account.country === 'FR',
	) as DemoSeedSummary['accounts'][number];
	const failed = state.createAutomaticPayout({
		account: gb.id,
		currency: 'gbp',
		status: 'failed',
		failure_code: 'account_closed',
		created: now - 2 * DAY,
		arrival_date: now - DAY,
		transactions: [
			{ type: 'payment', amount: 18_450, fee: 1_845 },
			{ type: 'payment', amount: 6_200, fee: 620 },
		],
	});
	const mismatch = state.createAutomaticPayout({
		account: de.id,
		currency: 'eur',
		mismatchBy: 137,
		created: now - 3 * DAY,
		arrival_date: now - DAY,
		transactions: [
			{ type: 'payment', amount: 24_900, fee: 2_490 },
			{ type: 'payment_refund', amount: -3_000 },
		],
	});
	const overdue = state.createAutomaticPayout({
		account: fr.id,
		currency: 'eur',
		status: 'in_transit',
		created: now - 6 * DAY,
		arrival_date: now - 3 * DAY,
		transactions: [{ type: 'payment', amount: 31_000, fee: 3_100 }],
	});
	state.fundBalance({ account: usA.id, currency: 'usd', amount: 90_000 });
	const manual = state.createManualPayout({
		account: usA.id,
		amount: 45_000,
		currency: 'usd',
		method: 'standard',
		status: 'paid',
		created: now - 4 * DAY,
		arrival_date: now - 2 * DAY,
	});
	const instant = state.createManualPayout({
		account: usA.id,
		amount: 12_500,
		currency: 'usd',
		method: 'instant',
		status: 'paid',
		created: now - DAY,
		arrival_date: now - DAY + 1_800,
	});

	// Recent destination charges with application fees, and one of them disputed.
	for (let n = 0; n < 24; n++) {
		const seller = accounts[n % accounts.length];
		const amount = minorAmount(random, seller.currency, 200, 4000);
		state.createPaymentIntent({
			amount,
			currency: seller.currency,
			application_fee_amount: Math.round(amount * 0.1),
			transfer_data: { destination: seller.id },
			created: now - random.int(1, 20) * DAY - random.int(0, DAY),
			description: `Order #${1000 + n}`,
			metadata: { order_id: `ord_${1000 + n}` },
		});
	}
	const disputedIntent = state.createPaymentIntent({
		amount: 8_900,
		currency: 'usd',
		application_fee_amount: 890,
		transfer_data: { destination: usB.id },
		created: now - 9 * DAY,
		description: 'Order #0999',
		metadata: { order_id: 'ord_0999' },
	});
	const dispute = state.createDispute({
		payment_intent: disputedIntent.id,
		reason: 'product_not_received',
	});

	// Tipped payments in the previous complete ISO week.
	const weekStart = previousIsoWeekStart(now);
	const tipped: string[] = [];
	const tip = (recipient: DemoSeedSummary['accounts'][number], tipAmount: number) => {
		const base = minorAmount(random, recipient.currency, 150, 3000);
		const intent = state.createPaymentIntent({
			amount: base + tipAmount,
			currency: recipient.currency,
			created: weekStart + random.int(0, 7 * DAY - 1),
			description: `Order with tip for ${recipient.name}`,
			metadata: { tip_amount: String(tipAmount), tip_recipient: recipient.id },
		});
		tipped.push(intent.id);
		return intent;
	};
	for (let n = 0; n < 18; n++) {
		const recipient = accounts[(n * 7) % accounts.length];
		tip(
			recipient,
			ZERO_DECIMAL_CURRENCIES.has(recipient.currency)
				? random.int(100, 1500)
				: random.int(100, 1500),
		);
	}
	const partly = tip(usC, 800);
	state.createRefund({ payment_intent: partly.id, amount: Math.round(partly.amount / 2) });
	const fully = tip(usC, 600);
	state.createRefund({ payment_intent: fully.id });
	state.setCapabilities(usD.id, { transfers: 'inactive' });
	const inactive = tip(usD, 700);
	const belowMinimum = tip(usB, 30);

	// Created last of all, so every object above keeps the id and amounts it always had. The account
	// whose bank account was closed gets no new payout: Stripe stops paying out to it.
	const reconciledYesterday = accounts
		.filter((account, accountIndex) => !paidOutWeekly(accountIndex) && account.id !== gb.id)
		.map((account) => {
			const arrival = now - random.int(1, 20) * 3600;
			const payout = state.createAutomaticPayout({
				account: account.id,
				currency: account.currency,
				transactions: Array.from({ length: random.int(2, 6) }, () => {
					const amount = minorAmount(random, account.currency, 150, 2500);
					return { type: 'payment', amount, fee: Math.round(amount * 0.1) };
				}),
				created: arrival - 2 * DAY,
				arrival_date: arrival,
			});
			return payout.id;
		});
	return {
		accounts,
		payouts: {
			failed: failed.id,
			mismatch: mismatch.id,
			overdueInTransit: overdue.id,
			manual: manual.id,
			instant: instant.id,
			reconciledYesterday,
		},
		dispute: dispute.id,
		tipWeek: { start: weekStart, end: weekStart + 7 * DAY },
		tippedPaymentIntents: tipped,
		specialTips: {
			partlyRefunded: partly.id,
			fullyRefunded: fully.id,
			inactiveRecipient: inactive.id,
			belowMinimum: belowMinimum.id,
		},
	};
}
