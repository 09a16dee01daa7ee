import { describe, expect, it } from 'vitest';

import {
	asWords,
	formatAmount,
	formatEventLines,
	formatSignedAmount,
	formatTable,
	parseCliFlags,
} from '../../../functions/shared/cliReport';
import { InputError } from '../../../functions/shared/config';

describe('the CLI report helpers', () => {
	it('formats minor units in the currency’s own number of decimals', () => {
		expect(formatAmount(123_456, 'usd')).toBe('1,234.56 USD');
		expect(formatAmount(1_500, 'JPY')).toBe('1,500 JPY');
		expect(formatAmount(1_234, 'kwd')).toBe('1.234 KWD');
		expect(formatAmount(-500, 'eur')).toBe('-5.00 EUR');
	});

	it('aligns columns two spaces apart without padding the last one', () => {
		expect(
			formatTable([
				['Accounts', '3 of 3', 'done'],
				['Payouts', 'none'],
			]),
		).toBe('Accounts  3 of 3  done\nPayouts   none');
	});

	it('writes codes as words', () => {
		expect(asWords('transfers_capability_inactive')).toBe('transfers capability inactive');
		expect(asWords('reconciled')).toBe('reconciled');
	});

	it('prints one line per event with its account, amount and reference', () => {
		expect(
			formatEventLines([
				{
					source: 'stripe-connect.reconciliation',
					detailType: 'Payout Failed',
					detail: {
						eventKey: 'k1',
						account: 'acct_1',
						payout: 'po_1',
						amount: 500,
						currency: 'usd',
						failureCode: 'account_closed',
					},
				},
				{
					source: 'stripe-connect.reconciliation',
					detailType: 'Reconciliation Completed',
					detail: { eventKey: 'k2', account: null, payout: null, amount: null, currency: null },
				},
			]),
		).toBe(
			'Payout Failed             acct_1  5.00 USD  po_1 account_closed\nReconciliation Completed',
		);
	});

	it('signs differences both ways', () => {
		expect(formatSignedAmount(137, 'eur')).toBe('+1.37 EUR');
		expect(formatSignedAmount(-137, 'eur')).toBe('-1.37 EUR');
		expect(formatSignedAmount(-5, 'jpy')).toBe('-5 JPY');
	});

	it("shows a mismatch's difference and what its balance transactions add up to", () => {
		expect(
			formatEventLines([
				{
					source: 'stripe-connect.reconciliation',
					detailType: 'Payout Mismatch',
					detail: {
						eventKey: 'k1',
						account: 'acct_1',
						payout: 'po_1',
						amount: 19_547,
						currency: 'eur',
						expected: 19_547,
						actual: 19_410,
						difference: -137,
					},
				},
			]),
		).toBe(
			'Payout Mismatch  acct_1  195.47 EUR  po_1 difference -1.37 EUR (balance transactions 194.10 EUR)',
		);
	});

	it('parses the shared flags and the job’s own options', () => {
		expect(parseCliFlags(['--dry-run', '--period', '2026-W46'], ['period', 'attempt'])).toEqual({
			dryRun: true,
			json: false,
			help: false,
			values: { period: '2026-W46', attempt: undefined },
		});
		expect(parseCliFlags(['--json', '--help'], [])).toMatchObject({ json: true, help: true });
	});

	it('names an unknown flag or a stray argument and points to --help', () => {
		let unknown: unknown;
		try {
			parseCliFlags(['--perod', '2026-W46'], ['period']);
		} catch (error) {
			unknown = error;
		}
		expect(unknown).toBeInstanceOf(InputError);
		expect((unknown as InputError).field).toBe('arguments');
		expect((unknown as Error).message).toMatch(/^arguments: Unknown option '--perod'/);
		expect((unknown as Error).message).toMatch(/Run with --help for usage\.$/);
		expect(() => parseCliFlags(['2026-W46'], ['period'])).toThrow(
			/^arguments: .*2026-W46[\s\S]*Run with --help for usage\.$/,
		);
	});
});
