import { STRIPE_ID_PREFIXES } from '../../../shared/validation';
import type { Field } from '../../shared/fields';
import { idField } from '../../shared/fields';

/** The capability name, part of the path of Get and Request or Update. */
export function capabilityField(): Field {
	return idField({
		name: 'capability',
		displayName: 'Capability',
		prefixes: STRIPE_ID_PREFIXES.capability,
		placeholder: 'card_payments',
		description: 'The capability name, e.g. card_payments or transfers',
		to: { in: 'path', name: 'capability' },
	});
}
