import { checkPercent, parseAmount, type AmountUnit } from '../../shared/amounts';
import { describeIdempotencyKeyProblem } from '../../shared/transport/idempotency';
import {
	StripeInputError,
	checkBoolean,
	checkCountry,
	checkCurrency,
	checkDelayDays,
	checkEventTypes,
	checkInteger,
	checkOption,
	checkOptions,
	checkStripeContext,
	checkStripeId,
	checkUrl,
	describeValue,
	toUnixSeconds,
} from '../../shared/validation';
import type { ValueKind } from './parameters';

/** Checks one resolved, non-empty value and returns what is sent. */
export function checkValue(
	kind: ValueKind,
	value: unknown,
	field: string,
	money: { unit: AmountUnit; currency?: string } = { unit: 'minor' },
): unknown {
	switch (kind.kind) {
		case 'text':
			if (typeof value === 'string') return value;
			if (typeof value === 'number' && Number.isFinite(value)) return String(value);
			throw new StripeInputError(field, `${describeValue(value)} is not text.`);
		case 'id':
			return checkStripeId(value, field, kind.prefixes);
		case 'currency':
			return checkCurrency(value, field);
		case 'country':
			return checkCountry(value, field);
		case 'url':
			return checkUrl(value, field);
		case 'amount':
			return parseAmount(value, field, { ...money, allowZero: kind.allowZero });
		case 'percent':
			return checkPercent(value, field);
		case 'integer':
			return checkInteger(value, field, kind.min, kind.max);
		case 'boolean':
			return checkBoolean(value, field);
		case 'option':
			return checkOption(value, field, kind.options);
		case 'options':
			return checkOptions(value, field, kind.options);
		case 'timestamp':
			return toUnixSeconds(value, field);
		case 'delayDays':
			return checkDelayDays(value, field);
		case 'eventTypes':
			return checkEventTypes(value, field);
		case 'list': {
			if (!Array.isArray(value) && typeof value !== 'string') {
				throw new StripeInputError(field, `${describeValue(value)} is not a comma-separated list.`);
			}
			const entries = (Array.isArray(value) ? value : value.split(','))
				.map((entry) => String(entry).trim())
				.filter((entry) => entry !== '');
			if (entries.length === 0) throw new StripeInputError(field, 'is empty. Fill it in.');
			return entries;
		}
		case 'stripeContext':
			return checkStripeContext(value, field);
		case 'idempotencyKey': {
			const key = typeof value === 'string' ? value.trim() : describeValue(value);
			const problem = describeIdempotencyKeyProblem(key);
			if (problem) throw new StripeInputError(field, problem);
			return key;
		}
	}
}
