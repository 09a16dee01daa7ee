import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	PreSendAction,
} from 'n8n-workflow';

import { applicationFeeForDestination, type FeeRate } from '../../shared/applicationFee';
import type { InputCheck } from '../../shared/inputChecks';
import { nodeParameterReader, runInputChecks } from '../../shared/inputChecks';
import { buildStripeMetadata, type MetadataPair } from '../../shared/metadata';
import { inputProblemError } from '../../shared/stripeErrors';
import { StripeInputError, checkMinorAmount, checkStripeId } from '../../shared/validation';

function asNodeError(context: IExecuteSingleFunctions, error: unknown): unknown {
	return error instanceof StripeInputError
		? inputProblemError(context.getNode(), error, context.getItemIndex())
		: error;
}

/** preSend factory: enforces an operation's input rules before anything is sent (see runInputChecks). */
export function checkInputs(checks: readonly InputCheck[]): PreSendAction {
	return async function checkStripeInputs(
		this: IExecuteSingleFunctions,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		try {
			return runInputChecks(checks, nodeParameterReader(this), requestOptions);
		} catch (error) {
			throw asNodeError(this, error);
		}
	};
}

/** preSend: writes the Metadata pairs (and Clear All Metadata) into the body as Stripe's `metadata`. */
export async function applyMetadata(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	try {
		const pairs = this.getNodeParameter('metadata.pairs', []) as MetadataPair[];
		const clearAll = this.getNodeParameter('clearAllMetadata', false) as boolean;
		const metadata = buildStripeMetadata(pairs, clearAll);
		if (metadata === undefined) return requestOptions;
		return {
			...requestOptions,
			body: { ...((requestOptions.body as IDataObject | undefined) ?? {}), metadata },
		};
	} catch (error) {
		throw asNodeError(this, error);
	}
}

interface FeeOverrideRow {
	account?: string;
	percent?: string | number;
	fixedAmount?: number;
}

/** Reads the Fee Schedule parameters of Payment Intent → Create into a rate for one destination. */
export function feeScheduleFromParameters(
	defaultPercent: string | number,
	defaultFixed: number,
	overrideRows: readonly FeeOverrideRow[],
): { defaultRate: FeeRate; overrides: Record<string, FeeRate> } {
	const overrides: Record<string, FeeRate> = {};
	for (const row of overrideRows) {
		const account = checkStripeId(row.account, 'Fee Schedule → Overrides → Account', ['acct_']);
		overrides[account] = { percent: row.percent ?? 0, fixedAmount: Number(row.fixedAmount ?? 0) };
	}
	return { defaultRate: { percent: defaultPercent, fixedAmount: Number(defaultFixed) }, overrides };
}

/**
 * preSend for destination charges: sets `application_fee_amount` from the chosen Application Fee mode.
 * "Fixed" checks the entered amount; "Fee Schedule" computes it from the (already converted) charge
 * amount and the destination's override or the default rate. Runs after the input checks.
 */
export async function applyApplicationFee(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	try {
		const mode = this.getNodeParameter('applicationFeeMode', 'none') as string;
		if (mode === 'none') return requestOptions;
		const body = { ...((requestOptions.body as IDataObject | undefined) ?? {}) };
		const amount = body.amount as number;
		const transferData = body.transfer_data as IDataObject | undefined;
		if (transferData?.amount !== undefined) {
			throw new StripeInputError(
				'Application Fee',
				'cannot be combined with Transfer Amount: Stripe keeps amount − transfer amount for the platform. Set Application Fee to None, or remove Transfer Amount.',
			);
		}
		let fee: number;
		if (mode === 'fixed') {
			fee = checkMinorAmount(
				this.getNodeParameter('applicationFeeAmount', null),
				'Application Fee Amount',
			);
		} else {
			const destination = transferData?.destination as string;
			const schedule = feeScheduleFromParameters(
				this.getNodeParameter('feePercent', 0) as number,
				this.getNodeParameter('feeFixedAmount', 0) as number,
				this.getNodeParameter('feeOverrides.overrides', []) as FeeOverrideRow[],
			);
			fee = applicationFeeForDestination(amount, destination, schedule);
		}
		if (fee > amount) {
			throw new StripeInputError(
				'Application Fee Amount',
				`(${fee}) is larger than the amount (${amount}). Lower the fee.`,
			);
		}
		body.application_fee_amount = fee;
		return { ...requestOptions, body };
	} catch (error) {
		throw asNodeError(this, error);
	}
}
