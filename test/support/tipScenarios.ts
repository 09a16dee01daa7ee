import Stripe from 'stripe';

import type { StripeSandbox } from '../../stripe-sandbox';

/** A tipped payment to create: the tip is part of `amount`, both in minor units. */
export interface TippedPayment {
	amount: number;
	currency: string;
	tip: number | string;
	recipient: string;
	/** Refund this much of the payment after it succeeded. */
	refund?: number;
	paymentMethod?: string;
}

/**
 * Creates tipped payments the way a platform's checkout does: through the API (confirmed payment
 * intents carrying `tip_amount` / `tip_recipient` metadata), with a client of its own so the job's
 * request counts stay clean. Funds stay pending, so only `fundBalance` makes transfers possible.
 */
export class TipScenario {
	readonly checkout: Stripe;

	constructor(private readonly sandbox: StripeSandbox) {
		this.checkout = new Stripe(sandbox.secretKey, {
			host: '127.0.0.1',
			port: sandbox.port,
			protocol: 'http',
			maxNetworkRetries: 0,
		});
	}

	/** Creates the payments in order and returns their ids. */
	async pay(payments: TippedPayment[]): Promise<string[]> {
		const ids: string[] = [];
		for (const payment of payments) {
			const intent = await this.checkout.paymentIntents.create({
				amount: payment.amount,
				currency: payment.currency,
				confirm: true,
				payment_method: payment.paymentMethod ?? 'pm_card_visa',
				metadata: { tip_amount: String(payment.tip), tip_recipient: payment.recipient },
			});
			if (payment.refund !== undefined) {
				await this.checkout.refunds.create({ payment_intent: intent.id, amount: payment.refund });
			}
			ids.push(intent.id);
		}
		return ids;
	}

	/** Every transfer on the platform, oldest first, as the sandbox stores it. */
	transfers(): Array<{
		id: string;
		amount: number;
		currency: string;
		destination: string;
		transfer_group: string | null;
	}> {
		return (
			this.sandbox.state.listObjects('transfer') as unknown as Array<{
				id: string;
				amount: number;
				currency: string;
				destination: string;
				transfer_group: string | null;
			}>
		).reverse();
	}

	/** Transfers per destination and currency, to prove nobody was paid twice. */
	transferCounts(): Record<string, number> {
		const counts: Record<string, number> = {};
		for (const transfer of this.transfers()) {
			const key = `${transfer.destination}:${transfer.currency}`;
			counts[key] = (counts[key] ?? 0) + 1;
		}
		return counts;
	}
}
