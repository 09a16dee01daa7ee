import { DEFAULT_MAX_RETRIES } from '../../shared/transport/retryPolicy';
import { DEFAULT_RATE_LIMIT_WAIT_MS } from '../../shared/transport/send';
import { STRIPE_ID_PREFIXES } from '../../shared/validation';
import type { Field } from './fields';
import { collection, field, idField } from './fields';

/*
 * The Options collection every operation has (Connected Account, Stripe Context, Expand, Idempotency,
 * Max Retries, Rate Limit Wait), built by operation.ts from what each operation allows.
 */

/** Which shared options an operation offers. */
export interface OptionsSpec {
	/** Stripe allows acting as a connected account (or in a context) here. */
	connectedAccount?: boolean;
	/** The operation is a POST (Idempotency-Key applies; Expand goes in the body). */
	post?: boolean;
	/** The endpoint takes `expand` (all but a few do; no v2 endpoint, v2 objects use `include`). */
	expand: boolean;
	/** An API v2 operation: it acts in a context only (v2 takes Stripe-Context, not Stripe-Account). */
	apiV2?: boolean;
}

/**
 * The Options collection every operation has: Connected Account (where Stripe allows it), Expand
 * (where the endpoint takes it), Idempotency Key (POST) and Max Retries.
 */
export function optionsCollection(spec: OptionsSpec): Field {
	const members: Field[] = [];
	if (spec.connectedAccount && !spec.apiV2) {
		members.push(
			idField({
				name: 'connectedAccount',
				displayName: 'Connected Account',
				prefixes: STRIPE_ID_PREFIXES.account,
				placeholder: 'acct_1A2b3C4d5E6f7G8h',
				to: { in: 'stripeAccount' },
				description:
					'Act on this connected account (sent as the Stripe-Account header) instead of the platform',
			}),
		);
	}
	if (spec.connectedAccount) {
		members.push(
			field({
				name: 'stripeContext',
				displayName: 'Stripe Context',
				value: { kind: 'stripeContext' },
				to: { in: 'stripeContext' },
				placeholder: 'acct_… or org_…/acct_…',
				description:
					'Act in this context (sent as the Stripe-Context header): a v2 account (acct_…) or an organization path (org_…/acct_…). Use it instead of Connected Account, never with it.',
			}),
		);
	}
	if (spec.expand) {
		members.push(
			field({
				name: 'expand',
				displayName: 'Expand',
				value: { kind: 'list' },
				to: { in: spec.post ? 'body' : 'query', name: 'expand' },
				placeholder: 'e.g. balance_transaction, destination',
				description:
					'Comma-separated fields to expand into full objects (for lists, prefix with data., e.g. data.destination)',
			}),
		);
	}
	if (spec.post) members.push(...idempotencyFields());
	members.push(
		field({
			name: 'maxRetries',
			displayName: 'Max Retries',
			value: { kind: 'integer', min: 0, max: 10 },
			to: { in: 'setting', name: 'maxRetries' },
			default: DEFAULT_MAX_RETRIES,
			typeOptions: { minValue: 0, maxValue: 10 },
			description:
				'How often to retry lock conflicts (409), server errors (5xx) and dropped connections, with backoff and the same idempotency key. Rate limits (429) are retried for Rate Limit Wait instead.',
		}),
		field({
			name: 'rateLimitWait',
			displayName: 'Rate Limit Wait (Seconds)',
			value: { kind: 'integer', min: 0, max: 600 },
			to: { in: 'setting', name: 'rateLimitWait' },
			default: DEFAULT_RATE_LIMIT_WAIT_MS / 1000,
			typeOptions: { minValue: 0, maxValue: 600 },
			description:
				"How long a request keeps retrying Stripe's rate limit (429) before it fails. Every 429 also slows all requests of this Stripe key down.",
		}),
	);
	return collection(
		{ name: 'options', displayName: 'Options', placeholder: 'Add Option' },
		members,
	);
}

/**
 * Options → Idempotency and Idempotency Key of every POST. Re-Run Safe (the default when neither is
 * added) keys each request by what it sends, so a re-run within Stripe's 24 hours moves no money twice.
 */
export function idempotencyFields(): Field[] {
	return [
		field({
			name: 'idempotency',
			displayName: 'Idempotency',
			value: {
				kind: 'option',
				options: [
					{
						name: 'Re-Run Safe',
						value: 'rerunSafe',
						description:
							"The default. The same item sent again by this node within 24 hours (a retried or re-run execution) gets Stripe's first answer back and moves no money again. A workflow that really pays the same account the same amount twice in a day must make the two differ (e.g. the date in Description or Metadata) or use New Key per Execution.",
					},
					{
						name: 'New Key per Execution',
						value: 'perExecution',
						description:
							'Every execution sends anew, even with the same items: for schedules that pay identical amounts more than once a day. A re-run of a failed execution pays again what had gone through.',
					},
					{
						name: 'Own Key',
						value: 'own',
						description: 'Use the Idempotency Key option, e.g. an order ID from the item',
					},
				],
			},
			to: { in: 'setting', name: 'idempotency' },
			description:
				'How the Idempotency-Key of the request is chosen. Stripe keeps keys for 24 hours; see the node documentation.',
		}),
		field({
			name: 'idempotencyKey',
			displayName: 'Idempotency Key',
			value: { kind: 'idempotencyKey' },
			to: { in: 'setting', name: 'idempotencyKey' },
			placeholder: 'e.g. ={{ "payout-" + $json.orderId }}',
			description:
				'Your own key (up to 255 printable characters), sent as Idempotency-Key: the same key within 24 hours gets the first answer back. Implies Idempotency "Own Key".',
		}),
	];
}
