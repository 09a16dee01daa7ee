import {
	ConfigError,
	readCommonConfig,
	readTrimmed,
	type CommonJobConfig,
	type Environment,
} from '../shared/config';
import { UTC } from './period';

/** Minimum tip transfer per currency, with a fallback for currencies not listed. */
export interface MinimumAmounts {
	byCurrency: Record<string, number>;
	fallback: number;
}

/** Settings of the weekly tip transfer job. */
export interface TipsConfig extends CommonJobConfig {
	timeZone: string;
	minimumAmounts: MinimumAmounts;
	amountMetadataKey: string;
	recipientMetadataKey: string;
}

const CURRENCY = /^[a-z]{3}$/;
const METADATA_KEY = /^[^[\]]{1,40}$/;

function readTimeZone(env: Environment): string {
	const zone = readTrimmed(env, 'TIPS_TIME_ZONE') ?? UTC;
	// Any other zone is checked here, at the cold start, even though that loads ICU's zone data.
	if (zone === UTC) return zone;
	try {
		new Intl.DateTimeFormat('en-US', { timeZone: zone });
	} catch {
		throw new ConfigError(
			'TIPS_TIME_ZONE',
			`"${zone}" is not an IANA time zone. Use a name such as Europe/Berlin or America/New_York, or unset it for UTC.`,
		);
	}
	return zone;
}

/** Parses `100` or `usd=100,jpy=150,*=100` (amounts in the currency's smallest unit). */
export function parseMinimumAmounts(raw: string | undefined, fallback = 100): MinimumAmounts {
	const fail = (detail: string) =>
		new ConfigError(
			'TIPS_MINIMUM_AMOUNT',
			`${detail}. Use a whole number of minor units (100 = 1.00 USD, 100 JPY), or per currency: usd=100,jpy=150,*=100.`,
		);
	const minimums: MinimumAmounts = { byCurrency: {}, fallback };
	if (raw === undefined || raw.trim() === '') return minimums;
	const parseAmount = (text: string) => {
		const amount = Number(text);
		if (!/^\d+$/.test(text) || !Number.isSafeInteger(amount)) {
			throw fail(`"${text}" is not a whole number of minor units`);
		}
		return amount;
	};
	if (/^\s*\d+\s*$/.test(raw)) {
		minimums.fallback = parseAmount(raw.trim());
		return minimums;
	}
	for (const part of raw.split(',')) {
		const [currencyText, amountText, extra] = part.split('=').map((piece) => piece.trim());
		if (amountText === undefined || extra !== undefined)
			throw fail(`"${part.trim()}" is not currency=amount`);
		const currency = currencyText.toLowerCase();
		if (currency === '*') minimums.fallback = parseAmount(amountText);
		else if (CURRENCY.test(currency)) minimums.byCurrency[currency] = parseAmount(amountText);
		else throw fail(`"${currencyText}" is not a three-letter currency code`);
	}
	return minimums;
}

function readMetadataKey(env: Environment, name: string, fallback: string): string {
	const key = readTrimmed(env, name) ?? fallback;
	if (!METADATA_KEY.test(key)) {
		throw new ConfigError(
			name,
			`"${key}" is not a usable Stripe metadata key. Use 1–40 characters without square brackets (default ${fallback}).`,
		);
	}
	return key;
}

/** Reads the tip transfer job's settings from the environment. */
export function readTipsConfig(env: Environment): TipsConfig {
	const config: TipsConfig = {
		...readCommonConfig(env),
		timeZone: readTimeZone(env),
		minimumAmounts: parseMinimumAmounts(env.TIPS_MINIMUM_AMOUNT),
		amountMetadataKey: readMetadataKey(env, 'TIPS_AMOUNT_METADATA_KEY', 'tip_amount'),
		recipientMetadataKey: readMetadataKey(env, 'TIPS_RECIPIENT_METADATA_KEY', 'tip_recipient'),
	};
	if (config.amountMetadataKey === config.recipientMetadataKey) {
		throw new ConfigError(
			'TIPS_RECIPIENT_METADATA_KEY',
			'is the same key as TIPS_AMOUNT_METADATA_KEY. Give the recipient and the amount different metadata keys.',
		);
	}
	return config;
}
