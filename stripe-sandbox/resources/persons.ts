import type { SandboxCore } from '../core';
import { clone, mergeMetadata } from '../core';
import { invalidRequest } from '../errors';
import { emitEvent } from '../events';
import type { Params } from '../openapi/validateRequest';
import { present } from '../expand';
import { paginate } from '../pagination';
import type { HandlerContext, RouteTable } from '../types';
import type { StripeObject } from '../store';

const RELATIONSHIP_FLAGS = [
	'director',
	'executive',
	'legal_guardian',
	'owner',
	'representative',
] as const;
const SIMPLE_FIELDS = [
	'email',
	'first_name',
	'last_name',
	'phone',
	'gender',
	'nationality',
	'political_exposure',
];

function applyPersonParams(person: StripeObject, params: Params): Record<string, unknown> {
	const previous: Record<string, unknown> = {};
	for (const field of SIMPLE_FIELDS) {
		if (params[field] === undefined) continue;
		previous[field] = person[field] ?? null;
		person[field] = params[field] === '' ? null : params[field];
	}
	if (params.relationship && typeof params.relationship === 'object') {
		previous.relationship = clone(person.relationship);
		Object.assign(person.relationship as object, params.relationship);
	}
	if (params.metadata !== undefined) {
		previous.metadata = clone(person.metadata);
		person.metadata = mergeMetadata(person.metadata, params.metadata);
	}
	if (typeof params.id_number === 'string') person.id_number_provided = true;
	if (typeof params.ssn_last_4 === 'string') person.ssn_last_4_provided = true;
	return previous;
}

function accountOf(context: HandlerContext): StripeObject {
	return context.core.requireConnectedAccount(context.pathParams.account);
}

function personOf(context: HandlerContext, account: StripeObject): StripeObject {
	return context.core.require(account.id, 'person', context.pathParams.person, 'person', 'person');
}

function createPerson(core: SandboxCore, account: StripeObject, params: Params): StripeObject {
	const person: StripeObject = {
		id: core.ids.next('person'),
		object: 'person',
		account: account.id,
		created: core.now(),
		email: null,
		first_name: null,
		id_number_provided: false,
		last_name: null,
		metadata: {},
		phone: null,
		relationship: {
			director: false,
			executive: false,
			owner: false,
			percent_ownership: null,
			representative: false,
			title: null,
		},
		requirements: {
			alternatives: [],
			currently_due: [],
			errors: [],
			eventually_due: [],
			past_due: [],
			pending_verification: [],
		},
		ssn_last_4_provided: false,
	};
	applyPersonParams(person, params);
	core.store.put(account.id, person);
	emitEvent(core, { type: 'person.created', object: person, account: account.id });
	return person;
}

function listPersons(context: HandlerContext) {
	const account = accountOf(context);
	const wanted = (context.params.relationship ?? {}) as Record<string, boolean>;
	const persons = context.core.store.newestFirst(account.id, 'person', (person) => {
		const relationship = person.relationship as Record<string, unknown>;
		return RELATIONSHIP_FLAGS.every(
			(flag) => wanted[flag] === undefined || relationship[flag] === wanted[flag],
		);
	});
	return paginate(context.core, persons, context.params, context.path, 'person');
}

function updatePerson(context: HandlerContext) {
	const account = accountOf(context);
	const person = personOf(context, account);
	const previous = applyPersonParams(person, context.params);
	emitEvent(context.core, {
		type: 'person.updated',
		object: person,
		account: account.id,
		previousAttributes: previous,
	});
	return present(context.core, person, context.params.expand);
}

function deletePerson(context: HandlerContext) {
	const account = accountOf(context);
	const person = personOf(context, account);
	if ((person.relationship as { representative?: boolean }).representative) {
		throw invalidRequest(
			'You cannot delete the representative of an account; add another representative first.',
			undefined,
			'person',
		);
	}
	context.core.store.remove(account.id, 'person', person.id);
	emitEvent(context.core, { type: 'person.deleted', object: person, account: account.id });
	return { id: person.id, object: 'person', deleted: true };
}

/** Routes for the persons of a connected account (and Stripe's older `people` alias). */
export const personRoutes: RouteTable = Object.fromEntries(
	['persons', 'people'].flatMap((segment) => [
		[`GET /v1/accounts/{account}/${segment}`, listPersons],
		[
			`POST /v1/accounts/{account}/${segment}`,
			(context: HandlerContext) =>
				present(
					context.core,
					createPerson(context.core, accountOf(context), context.params),
					context.params.expand,
				),
		],
		[
			`GET /v1/accounts/{account}/${segment}/{person}`,
			(context: HandlerContext) =>
				present(context.core, personOf(context, accountOf(context)), context.params.expand),
		],
		[`POST /v1/accounts/{account}/${segment}/{person}`, updatePerson],
		[`DELETE /v1/accounts/{account}/${segment}/{person}`, deletePerson],
	]),
);
