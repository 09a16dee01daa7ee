import type { MinimumAmounts } from './config';
import { recipientCurrencyKey, type TipGroup } from './aggregate';

/** The transfer group that ties a period's tip transfers together (and finds them again). */
export function transferGroupOf(periodId: string): string {
	return `tips-${periodId}`;
}

/**
 * The Idempotency-Key of a recipient's transfer for a period and currency. Attempt 1 is the plain
 * key; a later attempt (chosen by the operator after fixing what made Stripe refuse, since Stripe
 * replays a stored refusal for 24 hours) gets its own key. The transfer-group look-up still guards
 * against paying twice, whatever the attempt.
 */
export function idempotencyKeyOf(
	periodId: string,
	recipient: string,
	currency: string,
	attempt = 1,
): string {
	const key = `tips-${periodId}-${recipient}-${currency}`;
	return attempt === 1 ? key : `${key}-attempt-${attempt}`;
}

/** An existing transfer of the period's group (a Stripe.Transfer satisfies it). */
export interface TransferRecord {
	id: string;
	amount: number;
	currency: string;
	destination: string | { id: string } | null;
	transfer_group: string | null;
	metadata?: Record<string, string> | null;
}

/** What the job knows about a recipient's account; null when it is not a connected account. */
export interface RecipientAccount {
	id: string;
	transfersCapability: string | undefined;
}

/** Why a recipient is not paid. */
export type SkipReason =
	| 'below_minimum'
	| 'transfers_capability_inactive'
	| 'not_connected_account'
	| 'invalid_tip_metadata';

/** The parameters of the transfer to create, exactly as sent to Stripe. */
export interface TransferParams {
	amount: number;
	currency: string;
	destination: string;
	transfer_group: string;
	description: string;
	metadata: Record<string, string>;
}

/** What the job decided for one recipient and currency. */
export type TipDecision =
	| { kind: 'transfer'; group: TipGroup; params: TransferParams; idempotencyKey: string }
	| { kind: 'already_transferred'; group: TipGroup; transfer: TransferRecord }
	| {
			kind: 'skip';
			group: TipGroup;
			reason: Exclude<SkipReason, 'invalid_tip_metadata'>;
			message: string;
	  };

function idOf(reference: string | { id: string } | null): string | undefined {
	return reference === null ? undefined : typeof reference === 'string' ? reference : reference.id;
}

/** The minimum transfer for a currency. */
export function minimumFor(minimums: MinimumAmounts, currency: string): number {
	return minimums.byCurrency[currency] ?? minimums.fallback;
}

/** Indexes a period's existing transfers by recipient and currency. */
export function indexExistingTransfers(
	transfers: TransferRecord[],
	transferGroup: string,
): Map<string, TransferRecord> {
	const index = new Map<string, TransferRecord>();
	for (const transfer of transfers) {
		const destination = idOf(transfer.destination);
		if (transfer.transfer_group !== transferGroup || destination === undefined) continue;
		const key = recipientCurrencyKey(destination, transfer.currency);
		if (!index.has(key)) index.set(key, transfer);
	}
	return index;
}

/** Recipients whose account must be looked up: not yet paid and at or above the minimum. */
export function recipientsToCheck(
	groups: TipGroup[],
	existing: Map<string, TransferRecord>,
	minimums: MinimumAmounts,
): string[] {
	const recipients = groups
		.filter(
			(group) =>
				!existing.has(recipientCurrencyKey(group.recipient, group.currency)) &&
				group.amount >= minimumFor(minimums, group.currency) &&
				group.amount > 0,
		)
		.map((group) => group.recipient);
	return [...new Set(recipients)];
}

/**
 * Decides every recipient's transfer: already paid (found in the period's group), skipped with a
 * reason, or to transfer with deterministic parameters and Idempotency-Key.
 */
export function planTipTransfers(input: {
	periodId: string;
	/** 1 unless the operator re-runs refused transfers deliberately (see idempotencyKeyOf). */
	attempt?: number;
	groups: TipGroup[];
	existing: Map<string, TransferRecord>;
	accounts: Map<string, RecipientAccount | null>;
	minimums: MinimumAmounts;
}): TipDecision[] {
	const transferGroup = transferGroupOf(input.periodId);
	return input.groups.map((group): TipDecision => {
		const existing = input.existing.get(recipientCurrencyKey(group.recipient, group.currency));
		if (existing) return { kind: 'already_transferred', group, transfer: existing };
		const minimum = minimumFor(input.minimums, group.currency);
		if (group.amount < minimum || group.amount <= 0) {
			return {
				kind: 'skip',
				group,
				reason: 'below_minimum',
				message: `${group.amount} is below the minimum transfer of ${minimum} ${group.currency} (TIPS_MINIMUM_AMOUNT); the tips stay unpaid for this period.`,
			};
		}
		const account = input.accounts.get(group.recipient);
		if (account === undefined || account === null) {
			return {
				kind: 'skip',
				group,
				reason: 'not_connected_account',
				message: `${group.recipient} is not a connected account of this platform; check metadata.tip_recipient on its payments.`,
			};
		}
		if (account.transfersCapability !== 'active') {
			return {
				kind: 'skip',
				group,
				reason: 'transfers_capability_inactive',
				message: `The transfers capability of ${group.recipient} is ${account.transfersCapability ?? 'not requested'}; it must be active to receive transfers.`,
			};
		}
		return {
			kind: 'transfer',
			group,
			idempotencyKey: idempotencyKeyOf(
				input.periodId,
				group.recipient,
				group.currency,
				input.attempt,
			),
			params: {
				amount: group.amount,
				currency: group.currency,
				destination: group.recipient,
				transfer_group: transferGroup,
				description: `Tips for ${input.periodId} (${group.tipCount} ${group.tipCount === 1 ? 'tip' : 'tips'})`,
				metadata: {
					tip_period: input.periodId,
					tip_count: String(group.tipCount),
				},
			},
		};
	});
}

/** A decision to create a transfer. */
export type TransferDecision = Extract<TipDecision, { kind: 'transfer' }>;

/** The transfers among the decisions, in the plan's order. */
export function transfersOf(decisions: TipDecision[]): TransferDecision[] {
	return decisions.filter((decision): decision is TransferDecision => decision.kind === 'transfer');
}

/** Every recipient still to check taken as a connected account with transfers active: the most that could be paid. */
export function assumeEveryRecipientPayable(
	recipients: string[],
): Map<string, RecipientAccount | null> {
	return new Map(
		recipients.map((recipient) => [recipient, { id: recipient, transfersCapability: 'active' }]),
	);
}

/**
 * Up to this many recipients are retrieved one by one (concurrently); more are found by listing the
 * connected accounts, 100 per call.
 */
export const RETRIEVE_RECIPIENTS_AT_MOST = 10;

/** Whether to look for the recipients in the list of connected accounts rather than retrieve each. */
export function shouldListAccounts(recipients: number): boolean {
	return recipients > RETRIEVE_RECIPIENTS_AT_MOST;
}

/**
 * Whether to read another page of connected accounts: not once every recipient was found, nor once
 * the pages read have cost as many calls as retrieving the recipients still missing would (those are
 * then retrieved), so the look-up never costs more than about twice the cheaper way.
 */
export function shouldListAnotherPage(pagesRead: number, stillMissing: number): boolean {
	return stillMissing > 0 && pagesRead < stillMissing;
}
