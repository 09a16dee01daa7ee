import type {
	ICredentialDataDecryptedObject,
	ICredentialTestFunctions,
	ICredentialsDecrypted,
	IDataObject,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import { describeStripeKeyProblem, isLiveModeKey, stripeAuthHeaders } from './stripeApi';
import { baseUrlOf } from './transport/credentialSettings';
import { readStripeError } from './transport/stripeErrors';

/*
 * The credential test n8n runs when a user clicks "Test" (and that shows a saved credential's mode,
 * since the editor never receives the saved key). It reads the platform account to say which account
 * and mode the key belongs to; a restricted key that may not read the account is tried on the balance.
 * Like every Stripe request of the package it follows no redirect.
 */

interface Answer {
	statusCode: number;
	body: IDataObject;
	headers: Record<string, unknown>;
}

/** The name the account goes by: its public business name, its dashboard name, or its email. */
export function accountName(account: IDataObject): string | undefined {
	const profile = (account.business_profile ?? {}) as IDataObject;
	const dashboard = ((account.settings ?? {}) as IDataObject).dashboard as IDataObject | undefined;
	const name = [profile.name, dashboard?.display_name, account.email].find(
		(candidate) => typeof candidate === 'string' && candidate.trim() !== '',
	);
	return name as string | undefined;
}

function kindOfKey(key: string): string {
	const mode = isLiveModeKey(key) ? 'live mode (real money)' : 'test mode';
	return `${mode} with a ${key.startsWith('rk_') ? 'restricted' : 'secret'} key`;
}

async function get(
	context: ICredentialTestFunctions,
	data: ICredentialDataDecryptedObject,
	path: string,
): Promise<Answer> {
	return (await context.helpers.request({
		method: 'GET',
		uri: `${baseUrlOf(data)}${path}`,
		headers: { Accept: 'application/json', ...stripeAuthHeaders(data) },
		json: true,
		// Stripe never redirects; a redirect must not carry the key elsewhere.
		followRedirect: false,
		followAllRedirects: false,
		simple: false,
		resolveWithFullResponse: true,
		timeout: 20_000,
	})) as Answer;
}

function failure(data: ICredentialDataDecryptedObject, answer: Answer): INodeCredentialTestResult {
	const baseUrl = baseUrlOf(data);
	if (answer.statusCode >= 300 && answer.statusCode < 400) {
		const location = answer.headers?.location;
		return {
			status: 'Error',
			message: `The base URL ${baseUrl} answered ${answer.statusCode} with a redirect${typeof location === 'string' ? ` to ${location}` : ''}; it was not followed. Stripe's API never redirects: check the Base URL.`,
		};
	}
	if (answer.statusCode === 401) {
		return {
			status: 'Error',
			message:
				'Stripe rejected the key (401). Check that it is copied whole and has not been rolled or deleted in Stripe Dashboard → Developers → API keys.',
		};
	}
	const details = readStripeError(answer.statusCode, answer.body, answer.headers);
	return { status: 'Error', message: `Stripe answered ${answer.statusCode}: ${details.message}` };
}

/** The `stripeConnectApiTest` credential test (see the file comment). */
export async function stripeConnectApiTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const data = credential.data ?? {};
	const key = data.secretKey;
	const problem = describeStripeKeyProblem(key);
	if (problem) return { status: 'Error', message: problem };
	const kind = kindOfKey(key as string);
	try {
		const account = await get(this, data, '/v1/account');
		if (account.statusCode === 200) {
			const name = accountName(account.body);
			return {
				status: 'OK',
				message: `Connected in ${kind} to ${name ? `${name} (${String(account.body.id)})` : String(account.body.id)}.`,
			};
		}
		if (account.statusCode !== 403) return failure(data, account);
		const balance = await get(this, data, '/v1/balance');
		if (balance.statusCode === 200) {
			return {
				status: 'OK',
				message: `Connected in ${kind}. The key may not read the platform account (403), so its ID and name are not shown; give the restricted key "Account: Read" to see them here.`,
			};
		}
		if (balance.statusCode === 403) {
			return {
				status: 'Error',
				message:
					'The key is valid but may read neither the account nor the balance (403). Give the restricted key at least "Balance: Read" (and "Account: Read" to see its account here), plus the permissions your workflows use (Connect, Payouts, Transfers, …).',
			};
		}
		return failure(data, balance);
	} catch (error) {
		const { code, message } = error as { code?: string; message?: string };
		return {
			status: 'Error',
			message: `Stripe could not be reached at ${baseUrlOf(data)}: ${code ?? message ?? 'no answer'}`,
		};
	}
}
