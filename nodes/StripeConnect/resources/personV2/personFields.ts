import { bodyText, field, pathIdField, type Field } from '../../shared/fields';

/** Person ID of a v2 person operation, part of the path. */
export function personIdField(): Field {
	return pathIdField('personId', 'Person ID', ['person_'], 'The person (person_…)');
}

const RELATIONSHIP_OPTIONS = [
	{ name: 'Authorizer', value: 'authorizer' },
	{ name: 'Director', value: 'director' },
	{ name: 'Executive', value: 'executive' },
	{ name: 'Legal Guardian', value: 'legal_guardian' },
	{ name: 'Owner', value: 'owner' },
	{ name: 'Representative', value: 'representative' },
];

/**
 * The person's details onboarding asks for, sent as stripe 23.1.0's `PersonCreateParams` names them.
 * Relationship comes before Title and Percent Ownership, which are written into the same object.
 */
export function personDetailFields(): Field[] {
	return [
		bodyText('email', 'Email', 'email', { placeholder: 'name@email.com' }),
		bodyText('phone', 'Phone', 'phone', { placeholder: '+15555550100' }),
		field({
			name: 'nationalities',
			displayName: 'Nationalities',
			value: { kind: 'list' },
			to: { in: 'body', name: 'nationalities' },
			placeholder: 'US, DE',
			description: 'Comma-separated two-letter country codes',
		}),
		field({
			name: 'relationship',
			displayName: 'Relationship',
			value: { kind: 'options', options: RELATIONSHIP_OPTIONS },
			to: { in: 'body', name: 'relationship' },
			shape: (roles) => Object.fromEntries((roles as string[]).map((role) => [role, true])),
			description: 'The roles the person has in the business',
		}),
		bodyText('title', 'Job Title', 'relationship.title', { placeholder: 'CEO' }),
		field({
			name: 'percentOwnership',
			displayName: 'Percent Ownership',
			value: { kind: 'percent' },
			to: { in: 'body', name: 'relationship.percent_ownership' },
			description: 'Share of the business the person owns, from 0 to 100 (e.g. 25 or 12.5)',
		}),
	];
}
