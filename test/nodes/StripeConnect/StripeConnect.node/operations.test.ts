import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

import type { INodePropertyOptions } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { StripeConnect } from '../../../../nodes/StripeConnect/StripeConnect.node';
import { IN_AMOUNT_UNIT, IN_SMALLEST_UNIT } from '../../../../nodes/StripeConnect/shared/money';
import { builtStripeOperations } from '../../../../nodes/StripeConnect/shared/operation';
import { fieldsWhere, FIXTURE_FOLDER } from '../support/fixtureRuns';

interface OperationRow {
	resource: string;
	operation: string;
	method: string;
	url: string;
	effect: string;
}

const description = new StripeConnect().description;

function operationRows(): OperationRow[] {
	const resources = description.properties.find((property) => property.name === 'resource')!
		.options as INodePropertyOptions[];
	return resources.flatMap((resource) => {
		const selector = description.properties.find(
			(property) =>
				property.name === 'operation' &&
				property.displayOptions?.show?.resource?.includes(resource.value as string),
		)!;
		return (selector.options as INodePropertyOptions[]).map((operation) => ({
			resource: resource.value as string,
			operation: operation.value as string,
			method: String(operation.routing?.request?.method),
			url: String(operation.routing?.request?.url)
				.replace(/\{\{[^}]*\$parameter\["(\w+)"\][^}]*\}\}/g, '{$1}')
				.replace(/^=/, ''),
			effect: String(operation.description).split('.')[0],
		}));
	});
}

function documentedCount(): number {
	const doc = readFileSync(join(__dirname, '../../../../docs/node.md'), 'utf8');
	const match = /\*\*(\d+) operations\*\*/.exec(doc);
	if (!match) throw new Error('docs/node.md does not state "**N operations**"');
	return Number(match[1]);
}

describe('the Stripe Connect node', () => {
	const rows = operationRows();

	it('has as many operations as docs/node.md documents', () => {
		console.table(rows);
		console.log(
			`Stripe Connect node: ${rows.length} operations in ${new Set(rows.map((row) => row.resource)).size} resources`,
		);
		expect(rows.length).toBe(documentedCount());
	});

	it('documents every operation in docs/node.md', () => {
		const doc = readFileSync(join(__dirname, '../../../../docs/node.md'), 'utf8');
		const missing = rows.filter((row) => !doc.includes(`\`${row.method} ${row.url}\``));
		expect(missing).toEqual([]);
	});

	it('runs every operation in at least one workflow fixture', () => {
		const fixtures = readdirSync(FIXTURE_FOLDER).map(
			(file) =>
				JSON.parse(readFileSync(join(FIXTURE_FOLDER, file), 'utf8')) as {
					nodes: Array<{ parameters: { resource?: string; operation?: string } }>;
				},
		);
		const covered = new Set(
			fixtures.flatMap((fixture) =>
				fixture.nodes.map((node) => `${node.parameters.resource}.${node.parameters.operation}`),
			),
		);
		expect(
			rows.map((row) => `${row.resource}.${row.operation}`).filter((key) => !covered.has(key)),
		).toEqual([]);
	});

	it('tells people and AI agents whether each operation reads, changes data or moves money', () => {
		expect(new Set(rows.map((row) => row.effect))).toEqual(
			new Set(['Read-only', 'Changes data in Stripe, moves no money', 'MOVES MONEY']),
		);
		const movesMoney = rows
			.filter((row) => row.effect === 'MOVES MONEY')
			.map((row) => `${row.resource}.${row.operation}`);
		expect(movesMoney.sort()).toEqual(
			[
				'applicationFee.refund',
				'dispute.close',
				'paymentIntent.capture',
				'paymentIntent.create',
				'payout.cancel',
				'payout.create',
				'payout.reverse',
				'refund.cancel',
				'refund.create',
				'transfer.create',
				'transferReversal.create',
			].sort(),
		);
		expect(
			rows.filter((row) => row.method === 'GET').every((row) => row.effect === 'Read-only'),
		).toBe(true);
	});

	it('marks the fields an operation always sends as required (Amount, Currency, Destination Account…)', () => {
		const notRequired = builtStripeOperations().flatMap((summary) =>
			summary.properties
				.filter((property) =>
					['string', 'number', 'dateTime', 'multiOptions'].includes(property.type),
				)
				.filter((property) => !property.required)
				.map((property) => `${summary.resource}.${summary.operation} → ${property.displayName}`),
		);
		expect(notRequired).toEqual([]);
		const transferCreate = builtStripeOperations().find(
			(summary) => summary.resource === 'transfer' && summary.operation === 'create',
		);
		const required = transferCreate?.properties
			.filter((property) => property.required)
			.map((property) => property.displayName);
		expect(required).toEqual(['Amount', 'Currency', 'Destination Account']);
	});

	it('keeps them required in the node the editor shows, where operations share properties', () => {
		const shownForTransferCreate = description.properties.filter(
			(property) =>
				property.displayOptions?.show?.resource?.includes('transfer') &&
				property.displayOptions?.show?.operation?.includes('create'),
		);
		expect(
			shownForTransferCreate
				.filter((property) => property.required)
				.map((property) => property.displayName),
		).toEqual(['Amount', 'Currency', 'Destination Account']);
	});

	it('says in every amount field which unit it takes', () => {
		const amountFields = builtStripeOperations().flatMap((summary) =>
			fieldsWhere(summary.properties, (property) => property.type === 'number')
				.filter(({ path }) => /amount/i.test(path))
				.map(({ path, property }) => ({
					name: `${summary.resource}.${summary.operation} → ${path}`,
					unit: summary.recipe.money ? IN_AMOUNT_UNIT : IN_SMALLEST_UNIT,
					description: property.description ?? '',
				})),
		);
		expect(amountFields.length).toBeGreaterThanOrEqual(14);
		const unnamed = amountFields
			.filter((field) => !field.description.includes(field.unit))
			.map((field) => field.name);
		expect(unnamed).toEqual([]);
	});

	it('is usable as an AI tool, and costs n8n no expression per item before sending', () => {
		expect(description.usableAsTool).toBe(true);
		// Every request goes to the credential's base URL through the transport (asserted on the wire
		// by every suite); RoutingNode's own request defaults are plain values.
		expect(description.requestDefaults).toEqual({ baseURL: 'https://api.stripe.com' });
	});
});
