import { buildStripeMetadata, type MetadataPair } from '../../shared/metadata';
import { StripeInputError, describeValue } from '../../shared/validation';
import type { Field } from './fields';
import { checkValue } from './checkValue';
import type { ParameterReader } from './parameterReader';
import type { RequestDraft } from './parameters';

function readPairs(reader: ParameterReader): MetadataPair[] {
	const { set, value } = reader.read('metadata.pairs');
	if (!set) return [];
	if (!Array.isArray(value)) {
		throw new StripeInputError('Metadata', `${describeValue(value)} is not a list of pairs.`);
	}
	const raw = reader.raw('metadata.pairs') as Array<{ value?: unknown }>;
	return (value as MetadataPair[]).map((pair, index) => {
		const empty = pair.value === undefined || pair.value === null || pair.value === '';
		// An empty value typed as such clears the key; an expression that gave nothing is a mistake.
		if (
			empty &&
			typeof raw[index]?.value === 'string' &&
			String(raw[index].value).startsWith('=')
		) {
			throw new StripeInputError(
				'Metadata → Value',
				`for "${String(pair.key ?? '')}" is an expression that gave ${describeValue(pair.value)}. Fix the expression, or leave the value empty (without an expression) to clear the key.`,
			);
		}
		return pair;
	});
}

/** Writes the Metadata pairs (and Clear All Metadata) into the body as Stripe's `metadata`. */
function applyMetadata(reader: ParameterReader, draft: RequestDraft): void {
	const clearAll = reader.read('clearAllMetadata');
	const metadata = buildStripeMetadata(
		readPairs(reader),
		clearAll.set
			? (checkValue({ kind: 'boolean' }, clearAll.value, 'Clear All Metadata') as boolean)
			: false,
	);
	if (metadata !== undefined) draft.request.body.metadata = metadata;
}

/** Metadata key/value pairs (an empty value clears that key) and, on updates, Clear All Metadata. */
export function metadataFields(allowClearAll: boolean): Field[] {
	const fields: Field[] = [
		{
			property: {
				displayName: 'Metadata',
				name: 'metadata',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				placeholder: 'Add Metadata',
				default: {},
				description: 'Key/value pairs stored on the object. Leave a value empty to clear that key.',
				options: [
					{
						displayName: 'Pair',
						name: 'pairs',
						values: [
							{ displayName: 'Key', name: 'key', type: 'string', default: '' },
							{ displayName: 'Value', name: 'value', type: 'string', default: '' },
						],
					},
				],
			},
			params: [],
			steps: [applyMetadata],
		},
	];
	if (allowClearAll) {
		fields.push({
			property: {
				displayName: 'Clear All Metadata',
				name: 'clearAllMetadata',
				type: 'boolean',
				default: false,
				description: 'Whether to remove every metadata key from the object',
			},
			params: [],
		});
	}
	return fields;
}
