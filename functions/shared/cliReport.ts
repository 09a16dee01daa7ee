import { parseArgs } from 'node:util';

import { InputError } from './config';
import type { JobEvent } from './jobEvents';

/** Currencies whose amounts have no minor unit. */
const ZERO_DECIMAL = new Set(
	'bif clp djf gnf jpy kmf krw mga pyg rwf ugx vnd vuv xaf xof xpf'.split(' '),
);
const THREE_DECIMAL = new Set('bhd jod kwd omr tnd'.split(' '));

/** Formats minor units for people: 123456 usd → "1,234.56 USD", 1500 jpy → "1,500 JPY". */
export function formatAmount(amount: number, currency: string): string {
	const code = currency.toLowerCase();
	const digits = ZERO_DECIMAL.has(code) ? 0 : THREE_DECIMAL.has(code) ? 3 : 2;
	const value = amount / 10 ** digits;
	const text = value.toLocaleString('en-US', {
		minimumFractionDigits: digits,
		maximumFractionDigits: digits,
	});
	return `${text} ${code.toUpperCase()}`;
}

/** A snake_case code as words for people: not_reconcilable → "not reconcilable". */
export function asWords(code: string): string {
	return code.replace(/_/g, ' ');
}

/** Left-aligned columns, two spaces apart. */
export function formatTable(rows: string[][]): string {
	const widths: number[] = [];
	for (const row of rows) {
		row.forEach((cell, index) => {
			widths[index] = Math.max(widths[index] ?? 0, cell.length);
		});
	}
	return rows
		.map((row) =>
			row
				.map((cell, index) => (index === row.length - 1 ? cell : cell.padEnd(widths[index])))
				.join('  ')
				.trimEnd(),
		)
		.join('\n');
}

/** A single progress line redrawn in place on a terminal; silent elsewhere. */
export interface ProgressLine {
	update(text: string): void;
	done(): void;
}

/** Progress on `stream` when it is a terminal, nothing otherwise (pipes, --json, CI logs). */
export function createProgressLine(
	stream: NodeJS.WriteStream,
	enabled = stream.isTTY === true,
): ProgressLine {
	let drawn = false;
	let lastDrawAt = 0;
	return {
		update(text) {
			if (!enabled) return;
			const now = Date.now();
			// Redrawing on every account floods slow terminals; ten frames a second is plenty.
			if (now - lastDrawAt < 100) return;
			lastDrawAt = now;
			const width = stream.columns ?? 100;
			stream.write(`\r\x1b[2K${text.slice(0, width - 1)}`);
			drawn = true;
		},
		done() {
			if (enabled && drawn) stream.write('\r\x1b[2K');
		},
	};
}

/** The flags both job CLIs share, plus their own string options. */
export interface CommonCliFlags {
	dryRun: boolean;
	json: boolean;
	help: boolean;
	values: Record<string, string | undefined>;
}

/** Parses `--flag value` arguments; unknown flags fail naming the flag. */
export function parseCliFlags(argv: string[], stringOptions: string[]): CommonCliFlags {
	const options: Record<string, { type: 'string' | 'boolean' }> = {
		'dry-run': { type: 'boolean' },
		json: { type: 'boolean' },
		help: { type: 'boolean' },
	};
	for (const name of stringOptions) options[name] = { type: 'string' };
	let parsed;
	try {
		parsed = parseArgs({ args: argv, options, allowPositionals: false, strict: true });
	} catch (error) {
		throw new InputError('arguments', `${(error as Error).message}. Run with --help for usage.`);
	}
	const values: Record<string, string | undefined> = {};
	for (const name of stringOptions) values[name] = parsed.values[name] as string | undefined;
	return {
		dryRun: parsed.values['dry-run'] === true,
		json: parsed.values.json === true,
		help: parsed.values.help === true,
		values,
	};
}

/** A signed amount for differences: +1.37 EUR, -1.37 EUR. */
export function formatSignedAmount(amount: number, currency: string): string {
	return `${amount > 0 ? '+' : ''}${formatAmount(amount, currency)}`;
}

/**
 * What a mismatch is off by, next to what its balance transactions add up to, such as
 * "difference -1.37 EUR (balance transactions 194.10 EUR)"; empty for every other event.
 */
function mismatchNote(detail: JobEvent['detail']): string {
	const { difference, actual, currency } = detail;
	if (typeof difference !== 'number' || typeof currency !== 'string') return '';
	const transactions =
		typeof actual === 'number' ? ` (balance transactions ${formatAmount(actual, currency)})` : '';
	return `difference ${formatSignedAmount(difference, currency)}${transactions}`;
}

/** One readable line per event: its type, account, amount, payout or transfer, and what is wrong. */
export function formatEventLines(events: JobEvent[]): string {
	const rows = events.map((event) => {
		const { detail } = event;
		const amount =
			typeof detail.amount === 'number' && typeof detail.currency === 'string'
				? formatAmount(detail.amount, detail.currency)
				: '';
		const reference = [
			detail.payout,
			detail.transfer,
			detail.reason ?? detail.failureCode,
			mismatchNote(detail),
		]
			.filter((value) => typeof value === 'string' && value !== '')
			.join(' ');
		return [event.detailType, detail.account ?? '', amount, reference];
	});
	return formatTable(rows);
}
