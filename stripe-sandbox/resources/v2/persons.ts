import { rfc3339 } from '../../clock';
import type { SandboxCore } from '../../core';
import { clone } from '../../core';
import { resourceMissing } from '../../errors';
import type { StripeObject } from '../../store';
import type { V2HandlerContext, V2RouteTable } from '../../types';
import { emitV2Event } from '../../v2/events';
import { listRequest, paginateV2 } from '../../v2/pagination';
import type { JsonObject } from '../../v2/request';
import {
	invalidField,
	mergeV2Metadata,
	optionalObject,
	optionalString,
	refuseUnknownFields,
} from '../../v2/request';
import { requireV2Account } from './accountState';

const PERSON_KIND = 'v2.core.account_person';
/** The fields a Person takes, as stripe 23.1.0's PersonCreateParams / PersonUpdateParams list them. */
const PERSON_FIELDS = [
	'additional_addresses',
	'additional_names',
	'additional_terms_of_service',
	'address',
	'date_of_birth',
	'documents',
	'email',
	'given_name',
	'id_numbers',
	'legal_gender',
	'metadata',
	'nationalities',
	'person_token',
	'phone',
	'political_exposure',
	'relationship',
	'script_addresses',
	'script_names',
	'surname',
];
const RELATIONSHIP_FIELDS = [
	'authorizer',
	'director',
	'executive',
	'legal_guardian',
	'owner',
	'percent_ownership',
	'representative',
	'title',
];

/** Checks the fields the sandbox interprets; the rest is kept as sent. */
function readPersonParams(params: JsonObject): JsonObject {
	refuseUnknownFields(params, PERSON_FIELDS);
	if (params.person_token !== undefined) {
		throw invalidField(
			'person_token',
			'Person tokens are not supported by the Stripe sandbox; send the fields directly.',
		);
	}
	for (const field of ['email', 'given_name', 'surname', 'phone'] as const)
		optionalString(params, field);
	const relationship = optionalObject(params, 'relationship');
	if (relationship) {
		refuseUnknownFields(relationship, RELATIONSHIP_FIELDS, 'relationship.');
		const percent = optionalString(relationship, 'percent_ownership', 'relationship.');
		if (percent !== undefined && !(/^\d+(\.\d+)?$/.test(percent) && Number(percent) <= 100)) {
			throw invalidField(
				'relationship.percent_ownership',
				`Invalid relationship.percent_ownership "${percent}": a decimal string from 0 to 100.`,
			);
		}
	}
	const fields = Object.fromEntries(
		Object.entries(params).filter(([key]) => key !== 'metadata' && key !== 'id_numbers'),
	);
	const idNumbers = params.id_numbers;
	return {
		...clone(fields),
		// Stripe never returns an id number's value, only its type.
		...(Array.isArray(idNumbers)
			? { id_numbers: idNumbers.map((entry) => ({ type: (entry as JsonObject).type })) }
			: {}),
	};
}

function personUrl(account: string, id: string): string {
	return `/v2/core/accounts/${account}/persons/${id}`;
}

function emitPersonEvent(core: SandboxCore, person: StripeObject, verb: string): void {
	const account = String(person.account);
	emitV2Event(core, {
		type: `v2.core.account_person.${verb}`,
		relatedObject: { id: person.id, type: PERSON_KIND, url: personUrl(account, person.id) },
		data: { account_id: account },
	});
}

function personOf(context: V2HandlerContext): StripeObject {
	const { account } = requireV2Account(context.core, context.pathParams.account_id, 'account_id');
	const person = context.core.store.get(account.id, PERSON_KIND, context.pathParams.id);
	if (!person) throw resourceMissing('person', context.pathParams.id);
	return person;
}

/** Routes for the Persons of a v2 Account: create, retrieve, list, update, delete. */
export const v2PersonRoutes: V2RouteTable = {
	'POST /v2/core/accounts/{account_id}/persons': ({ core, pathParams, params }) => {
		const { account } = requireV2Account(core, pathParams.account_id, 'account_id');
		const fields = readPersonParams(params);
		const person: StripeObject = {
			id: core.ids.next('person'),
			object: PERSON_KIND,
			account: account.id,
			created: rfc3339(core.now()),
			livemode: false,
			metadata: mergeV2Metadata({}, params.metadata),
			relationship: {},
			...fields,
			updated: rfc3339(core.now()),
		};
		core.store.put(account.id, person, PERSON_KIND);
		emitPersonEvent(core, person, 'created');
		return clone(person);
	},
	'GET /v2/core/accounts/{account_id}/persons': (context) => {
		const { account } = requireV2Account(context.core, context.pathParams.account_id, 'account_id');
		const request = listRequest(context.query);
		refuseUnknownFields(request.params, []);
		const persons = context.core.store.newestFirst(account.id, PERSON_KIND);
		return paginateV2(persons, request, context.path, (person) => clone(person));
	},
	'GET /v2/core/accounts/{account_id}/persons/{id}': (context) => clone(personOf(context)),
	'POST /v2/core/accounts/{account_id}/persons/{id}': (context) => {
		const person = personOf(context);
		const fields = readPersonParams(context.params);
		const relationship = fields.relationship as JsonObject | undefined;
		Object.assign(person, fields, {
			relationship: { ...(person.relationship as JsonObject), ...(relationship ?? {}) },
			metadata: mergeV2Metadata(person.metadata as Record<string, string>, context.params.metadata),
			updated: rfc3339(context.core.now()),
		});
		emitPersonEvent(context.core, person, 'updated');
		return clone(person);
	},
	'DELETE /v2/core/accounts/{account_id}/persons/{id}': (context) => {
		const person = personOf(context);
		context.core.store.remove(String(person.account), PERSON_KIND, person.id);
		emitPersonEvent(context.core, person, 'deleted');
		return { id: person.id, object: PERSON_KIND };
	},
};
