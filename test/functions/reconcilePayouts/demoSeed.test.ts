/**
 * `npm run reconcile` with no Stripe key, as a newcomer runs it: the job reconciles a freshly seeded
 * demo marketplace over its default window and prints the report and one line per event.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

import { beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);

describe('npm run reconcile on the demo marketplace', () => {
	let stdout: string;

	beforeAll(async () => {
		// Only PATH and HOME: no STRIPE_SECRET_KEY and no EVENT_BUS_NAME, as on a fresh clone.
		({ stdout } = await run('node_modules/.bin/tsx', ['functions/reconcilePayouts/cli.ts'], {
			env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp' },
			timeout: 60_000,
		}));
	});

	it('reconciles most payouts of the default window, beside the four problems', () => {
		expect(stdout).toContain('Accounts  30 of 30 reconciled');
		expect(stdout).toContain(
			'Payouts   reconciled 23 · mismatch 1 · failed 1 · overdue 1 · not reconcilable 1',
		);
		const eventTypes = [...stdout.matchAll(/^(Payout [A-Z][a-z]+(?: [A-Z][a-z]+)?) +acct_/gm)].map(
			(match) => match[1],
		);
		expect(eventTypes.filter((type) => type === 'Payout Reconciled')).toHaveLength(23);
		expect(eventTypes.filter((type) => type !== 'Payout Reconciled').sort()).toEqual([
			'Payout Failed',
			'Payout Mismatch',
			'Payout Not Reconcilable',
			'Payout Overdue',
		]);
	});

	it("shows a mismatch's difference and what its balance transactions add up to", () => {
		expect(stdout).toMatch(
			/^Payout Mismatch +acct_\w+ +195\.47 EUR +po_\w+ difference -1\.37 EUR \(balance transactions 194\.10 EUR\)$/m,
		);
	});
});
