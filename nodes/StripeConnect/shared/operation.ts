import type {
	DeclarativeRestApiSettings,
	IExecutePaginationFunctions,
	INodeExecutionData,
	INodePropertyOptions,
	PreSendAction,
} from 'n8n-workflow';

import { encodeStripeFormBody } from '../../shared/formEncoding';
import type { InputCheck } from '../../shared/inputChecks';
import {
	sendStripeListRequest,
	sendStripeRequest,
	sendStripeUnpagedListRequest,
} from '../../shared/stripeRequest';
import { applyMetadata, checkInputs } from './preSend';

/** What an operation does, stated at the start of its description for people and AI agents. */
export type OperationEffect = 'reads' | 'changes' | 'movesMoney';

const EFFECT_LABEL: Record<OperationEffect, string> = {
	reads: 'Read-only.',
	changes: 'Changes data in Stripe, moves no money.',
	movesMoney: 'MOVES MONEY.',
};

type RequestHook = (
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
) => Promise<INodeExecutionData[]>;

/** How one operation is sent: its Stripe endpoint, input rules and extra preSend steps. */
export interface StripeOperationSpec {
	name: string;
	value: string;
	action: string;
	description: string;
	effect: OperationEffect;
	method: 'GET' | 'POST' | 'DELETE';
	/** Path, may be an expression such as `=/v1/payouts/{{$parameter.payoutId.trim()}}`. */
	url: string;
	/** A list or search endpoint: `true` pages through results (Return All / Limit); `'unpaged'` returns the one list Stripe answers. */
	list?: boolean | 'unpaged';
	checks?: InputCheck[];
	/** Steps after the checks and metadata, before encoding (e.g. the application fee). */
	preSend?: PreSendAction[];
	/** Replaces the default request hook (e.g. to reshape the answer). */
	hook?: RequestHook;
}

function requestHookFor(list: StripeOperationSpec['list']): RequestHook {
	if (list === 'unpaged') return sendStripeUnpagedListRequest;
	return list ? sendStripeListRequest : sendStripeRequest;
}

/**
 * Builds one Operation option. Order of the request pipeline: input checks (and the Expand option)
 * → metadata → operation-specific steps → Stripe form encoding, then the request hook sends it with
 * idempotency, retries, paging and error mapping (see nodes/shared/stripeRequest.ts).
 */
export function stripeOperation(spec: StripeOperationSpec): INodePropertyOptions {
	const expandCheck: InputCheck = {
		kind: 'list',
		parameter: 'options.expand',
		field: 'Options → Expand',
		optional: true,
		target: spec.method === 'POST' ? 'body' : 'qs',
		property: 'expand',
	};
	return {
		name: spec.name,
		value: spec.value,
		action: spec.action,
		description: `${EFFECT_LABEL[spec.effect]} ${spec.description}`,
		routing: {
			request: { method: spec.method, url: spec.url },
			send: {
				paginate: true,
				preSend: [
					checkInputs([...(spec.checks ?? []), expandCheck]),
					applyMetadata,
					...(spec.preSend ?? []),
					encodeStripeFormBody,
				],
			},
			operations: {
				pagination: spec.hook ?? requestHookFor(spec.list),
			},
		},
	};
}

/** Path expression with a trimmed ID parameter: `idPath('/v1/payouts/', 'payoutId')`. */
export function idPath(prefix: string, parameter: string, suffix = ''): string {
	return `=${prefix}{{String($parameter["${parameter}"]).trim()}}${suffix}`;
}
