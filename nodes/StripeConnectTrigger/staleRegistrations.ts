import type { StoredEndpoint } from './triggerStaticData';

/** What decides which registrations at Stripe (endpoints or destinations) are stale. */
export interface StaleRegistrationInput {
	/** The ids Stripe holds, each with the URL it delivers to (undefined when Stripe does not say). */
	atStripe: Array<{ id: string; url: string | null | undefined }>;
	/** This node's URL now. */
	url: string;
	/** The ids this activation keeps. */
	keptIds: ReadonlySet<string>;
	/** What the trigger registered before (static data), whatever URL it was for. */
	stored: readonly StoredEndpoint[];
	/** A test listener ("Listen for test event") never touches the production registrations. */
	isTestListener: boolean;
}

/**
 * The registrations to delete before anything is created: every one that delivers to this node's
 * URL and is not kept (its secret is lost, so each of its deliveries would be refused while it counts
 * towards Stripe's limits), and, in a production activation, every one the trigger registered for
 * an earlier URL (n8n's public URL moved) that Stripe still has.
 */
export function staleRegistrationIds(input: StaleRegistrationInput): Set<string> {
	const stale = new Set<string>();
	for (const registration of input.atStripe) {
		if (registration.url === input.url && !input.keptIds.has(registration.id)) {
			stale.add(registration.id);
		}
	}
	for (const registration of input.stored) {
		const forgotten =
			!input.keptIds.has(registration.id) &&
			(registration.url === input.url || !input.isTestListener);
		if (forgotten && input.atStripe.some((onStripe) => onStripe.id === registration.id)) {
			stale.add(registration.id);
		}
	}
	return stale;
}
