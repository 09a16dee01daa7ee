import type Stripe from 'stripe';

import { stripeErrorOf } from '../shared/stripeErrors';
import { LIST_PAGE_SIZE, type PageCursor, type StripeConnection } from '../shared/stripeClient';
import { shouldListAccounts, shouldListAnotherPage, type RecipientAccount } from './plan';

/** What the look-up reports as it goes. */
export interface RecipientLookupListener {
	/** Hears of each connected account as soon as it is known, so its transfers can start early. */
	onFound?: (recipient: string, account: RecipientAccount) => void;
	/** After each page of accounts and each retrieve: recipients known so far. */
	onProgress?: (done: number) => void;
}

function recipientAccountOf(account: Stripe.Account): RecipientAccount {
	return { id: account.id, transfersCapability: account.capabilities?.transfers };
}

/** Retrieves each recipient concurrently under the budget; 404/403 and the platform itself are not connected accounts. */
async function retrieveRecipients(
	{ stripe, budget }: StripeConnection,
	recipients: string[],
	found: (recipient: string, account: RecipientAccount | null) => void,
): Promise<void> {
	if (recipients.length === 0) return;
	const platform = await budget.call('accounts.retrieveCurrent', () =>
		stripe.accounts.retrieveCurrent(),
	);
	await Promise.all(
		recipients.map(async (recipient) => {
			if (recipient === platform.id) {
				found(recipient, null);
				return;
			}
			try {
				const account = await budget.call('accounts.retrieve', () =>
					stripe.accounts.retrieve(recipient),
				);
				found(recipient, recipientAccountOf(account));
			} catch (error) {
				const statusCode = stripeErrorOf(error)?.statusCode;
				// Stripe answers 404 (or 403 for an account of another platform) for ids that are not ours.
				if (statusCode === 404 || statusCode === 403) found(recipient, null);
				else throw error;
			}
		}),
	);
}

/**
 * Finds each recipient's account the cheaper way (see shouldListAccounts and shouldListAnotherPage
 * for when it lists the connected accounts and when it retrieves one by one). A recipient that is not
 * a connected account of the platform maps to null.
 */
export async function lookUpRecipients(
	connection: StripeConnection,
	recipients: string[],
	listener: RecipientLookupListener = {},
): Promise<Map<string, RecipientAccount | null>> {
	const { stripe, budget } = connection;
	const accounts = new Map<string, RecipientAccount | null>();
	const found = (recipient: string, account: RecipientAccount | null) => {
		accounts.set(recipient, account);
		if (account !== null) listener.onFound?.(recipient, account);
	};
	const missing = new Set(recipients);
	if (shouldListAccounts(recipients.length)) {
		let cursor: PageCursor = {};
		for (let pages = 1; ; pages++) {
			const page = await budget.call('accounts.list', () =>
				stripe.accounts.list({ limit: LIST_PAGE_SIZE, ...cursor }),
			);
			for (const account of page.data) {
				if (missing.delete(account.id)) found(account.id, recipientAccountOf(account));
			}
			listener.onProgress?.(accounts.size);
			if (!page.has_more || page.data.length === 0) {
				for (const recipient of missing) accounts.set(recipient, null);
				return accounts;
			}
			if (!shouldListAnotherPage(pages, missing.size)) break;
			cursor = { starting_after: page.data[page.data.length - 1].id };
		}
	}
	await retrieveRecipients(connection, [...missing], (recipient, account) => {
		found(recipient, account);
		listener.onProgress?.(accounts.size);
	});
	return accounts;
}
