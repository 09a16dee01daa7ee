import { describe, expect, it } from 'vitest';

import { runInputChecks } from '../../../../nodes/shared/inputChecks';
import { StripeInputError } from '../../../../nodes/shared/validation';
import {
	amountWithCurrencyChecks,
	idCheck,
	optionalAmountCheck,
	optionalBodyIdCheck,
} from '../../../../nodes/StripeConnect/shared/checks';
import {
	amountWithCurrencyFields,
	filtersCollection,
} from '../../../../nodes/StripeConnect/shared/fields';
import { chargeIdFilter, idFilter } from '../../../../nodes/StripeConnect/shared/filters';

function reader(parameters: Record<string, unknown>) {
	return (path: string) => parameters[path];
}

const show = { operation: ['getAll'], resource: ['refund'] };

describe('ID filters', () => {
	it('check the option they add to Filters and send it as the Stripe query parameter', () => {
		const filter = idFilter({
			name: 'paymentIntent',
			displayName: 'Payment Intent',
			placeholder: 'pi_…',
			prefixes: ['pi_'],
			property: 'payment_intent',
		});
		const filters = filtersCollection(show, [filter.option]);

		expect(filters).toMatchObject({
			name: 'filters',
			type: 'collection',
			displayOptions: { show },
		});
		expect(filter.option).toEqual({
			displayName: 'Payment Intent',
			name: 'paymentIntent',
			type: 'string',
			default: '',
			placeholder: 'pi_…',
		});
		const wire = runInputChecks([filter.check], reader({ 'filters.paymentIntent': ' pi_123 ' }), {
			url: '/v1/refunds',
		});
		expect(wire.qs).toEqual({ payment_intent: 'pi_123' });
		expect(runInputChecks([filter.check], reader({}), { url: '/v1/refunds' }).qs).toEqual({});
	});

	it('name the filter in the error when the ID has the wrong prefix', () => {
		const { check } = chargeIdFilter();
		expect(() =>
			runInputChecks([check], reader({ 'filters.charge': 'pi_123' }), { url: '/' }),
		).toThrow(StripeInputError);
		expect(() =>
			runInputChecks([check], reader({ 'filters.charge': 'pi_123' }), { url: '/' }),
		).toThrow(/Filters → Charge/);
	});
});

describe('money checks', () => {
	it('write the currency and the amount converted from major units to the body', () => {
		const wire = runInputChecks(
			amountWithCurrencyChecks(),
			reader({ currency: 'kwd', amount: 1.234, amountUnit: 'major' }),
			{ url: '/v1/transfers', method: 'POST' },
		);
		expect(wire.body).toEqual({ currency: 'kwd', amount: 1234 });
	});

	it('pair with the Amount, Currency and Amount Unit fields they read', () => {
		const names = amountWithCurrencyFields(show, 'How much').map((field) => field.name);
		const read = amountWithCurrencyChecks().flatMap((check) => [
			check.parameter,
			...('unitParameter' in check && check.unitParameter ? [check.unitParameter] : []),
		]);
		expect(names.sort()).toEqual([...new Set(read)].sort());
	});

	it('leave optional amounts and IDs out when empty and check them when set', () => {
		const checks = [
			idCheck('transferId', 'Transfer ID', ['tr_']),
			optionalAmountCheck('additionalFields.amount', 'Amount', 'amount'),
			optionalBodyIdCheck('additionalFields.customer', 'Customer', ['cus_'], 'customer'),
		];
		expect(runInputChecks(checks, reader({ transferId: 'tr_1' }), { url: '/' }).body).toEqual({});
		expect(
			runInputChecks(
				checks,
				reader({
					transferId: 'tr_1',
					'additionalFields.amount': 500,
					'additionalFields.customer': 'cus_9',
				}),
				{ url: '/' },
			).body,
		).toEqual({ amount: 500, customer: 'cus_9' });
		expect(() => runInputChecks(checks, reader({ transferId: 'po_1' }), { url: '/' })).toThrow(
			/Transfer ID/,
		);
	});
});
