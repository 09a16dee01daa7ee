import { describe, expect, it } from 'vitest';

import { StripeConnect } from '../../../../../nodes/StripeConnect/StripeConnect.node';
import { builtStripeOperations } from '../../../../../nodes/StripeConnect/shared/operation';
import { writeStripeRequest } from '../../../../../nodes/StripeConnect/shared/parameters';
import type { Param } from '../../../../../nodes/StripeConnect/shared/parameters';
import { StripeInputError } from '../../../../../nodes/shared/validation';
import { fieldsWhere } from '../../support/fixtureRuns';
import { readerFor, setAt, validParameters } from '../../support/fakeParameters';

// Loading the node class builds every operation.
const node = new StripeConnect();
const operations = builtStripeOperations();

function errorOf(run: () => unknown): StripeInputError {
	try {
		run();
	} catch (error) {
		expect(error).toBeInstanceOf(StripeInputError);
		return error as StripeInputError;
	}
	throw new Error('expected a StripeInputError, nothing was thrown');
}

const optionCases = operations.flatMap((summary) =>
	fieldsWhere(
		summary.properties,
		(property) => property.type === 'options' || property.type === 'multiOptions',
	).map(({ path, property }) => ({
		name: `${summary.resource}.${summary.operation} → ${path}`,
		summary,
		path,
		property,
	})),
);

/** Optional free text of the body (descriptions, emails, business profile): blank sends nothing. */
function isFreeTextOfBody(param: Param): boolean {
	return param.to?.in === 'body' && (param.value.kind === 'text' || param.value.kind === 'url');
}

const optionalParams = operations.flatMap((summary) =>
	summary.recipe.params
		.filter((param) => param.optional)
		.map((param) => ({
			name: `${summary.resource}.${summary.operation} → ${param.parameter}`,
			summary,
			param,
		})),
);
const optionalCases = optionalParams.filter(({ param }) => !isFreeTextOfBody(param));
const blankTextCases = optionalParams.filter(({ param }) => isFreeTextOfBody(param));

describe('every options field of every operation is checked strictly', () => {
	it('covers the whole node', () => {
		expect(node.description.properties.length).toBeGreaterThan(0);
		expect(operations).toHaveLength(66);
		expect(optionCases.length).toBeGreaterThanOrEqual(27);
	});

	it.each(optionCases)(
		'$name is declared with its allowed values',
		({ summary, path, property }) => {
			const param = summary.recipe.params.find((candidate) => candidate.parameter === path);
			expect(param, `${path} has no Param, so nothing checks it`).toBeDefined();
			const allowed = (property.options as Array<{ value: unknown }>).map((option) => option.value);
			expect((param as Param).value).toMatchObject({
				kind: property.type === 'options' ? 'option' : 'options',
			});
			expect(
				((param as Param).value as unknown as { options: Array<{ value: unknown }> }).options.map(
					(option) => option.value,
				),
			).toEqual(allowed);
		},
	);

	it.each(optionCases)(
		'$name refuses a value that is not one of its options, listing them',
		({ summary, path, property }) => {
			const param = summary.recipe.params.find(
				(candidate) => candidate.parameter === path,
			) as Param;
			for (const bad of ['Wrong', ' ', null, 42, ['nope']]) {
				const stored = validParameters(summary.recipe.params);
				for (const [parameter, allowed] of Object.entries(param.when ?? {})) {
					setAt(stored, parameter, allowed[0]);
				}
				setAt(stored, path, `={{ $json.value }}`);
				const error = errorOf(() =>
					writeStripeRequest(readerFor(stored, { [path]: bad }), summary.recipe),
				);
				expect(error.field).toBe(param.field);
				for (const option of property.options as Array<{ value: unknown }>) {
					expect(error.message).toContain(`"${String(option.value)}"`);
				}
			}
		},
	);
});

describe('a field that was added but resolves to nothing is an error, never a silent default', () => {
	it('covers every optional field', () => {
		expect(optionalCases.length).toBeGreaterThan(60);
	});

	it.each(optionalCases)('$name', ({ summary, param }) => {
		for (const empty of ['', '   ', null, [], undefined]) {
			const stored = validParameters(summary.recipe.params);
			setAt(stored, param.parameter, '={{ $json.missing }}');
			const error = errorOf(() =>
				writeStripeRequest(readerFor(stored, { [param.parameter]: empty }), summary.recipe),
			);
			expect(error.field).toBe(param.field);
			expect(error.message).toMatch(
				param.value.kind === 'option' || param.value.kind === 'options'
					? /is not one of the allowed values|has nothing selected/
					: /is added but its expression gave/,
			);
		}
	});
});

describe('an optional text field of the body left blank sends nothing (Stripe cannot empty them)', () => {
	it('covers the descriptions, emails, business profile and evidence fields', () => {
		expect(blankTextCases.length).toBeGreaterThan(30);
	});

	it.each(blankTextCases)('$name', ({ summary, param }) => {
		const stripeName = (param.to as { name: string }).name;
		for (const blank of ['', '   ', null, undefined]) {
			for (const stored of [blank, '={{ $json.missing }}']) {
				if (stored === null || stored === undefined) continue;
				const parameters = validParameters(summary.recipe.params);
				setAt(parameters, param.parameter, stored);
				const draft = writeStripeRequest(
					readerFor(parameters, { [param.parameter]: blank }),
					summary.recipe,
				);
				expect(draft.values.has(param.parameter)).toBe(false);
				expect(JSON.stringify(draft.request.body)).not.toContain(
					`"${stripeName.split('.').pop() as string}"`,
				);
			}
		}
	});
});

describe('a field the user never added is not sent, so Stripe keeps its default', () => {
	it.each(
		operations.map((summary) => ({ name: `${summary.resource}.${summary.operation}`, summary })),
	)('$name sends only its required fields when nothing optional is added', ({ summary }) => {
		const draft = writeStripeRequest(
			readerFor(validParameters(summary.recipe.params)),
			summary.recipe,
		);
		const sentOptional = summary.recipe.params.filter(
			(param) => param.optional && draft.values.has(param.parameter),
		);
		expect(sentOptional).toEqual([]);
		expect(draft.request.path).not.toContain('{');
	});
});
