import { describe, expect, it } from 'vitest';

import { matchesEventPattern, type JsonValue } from './eventPattern';

// The examples follow the EventBridge User Guide ("Amazon EventBridge event patterns" and "Content
// filtering in Amazon EventBridge event patterns"): the same events, patterns and verdicts.
const instanceStateChange: Record<string, JsonValue> = {
	version: '0',
	id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
	'detail-type': 'EC2 Instance State-change Notification',
	source: 'aws.ec2',
	account: '111122223333',
	time: '2017-12-22T18:43:48Z',
	region: 'us-west-1',
	resources: ['arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0'],
	detail: {
		'instance-id': 'i-1234567890abcdef0',
		state: 'terminated',
		'c-count': 5,
		'd-count': 3,
		'x-limit': 301.8,
		'source-ip': '10.0.0.123',
		responseElements: null,
		filename: 'image.png',
	},
};

describe('matchesEventPattern', () => {
	it('matches exact values on top-level and nested fields, all fields together', () => {
		expect(
			matchesEventPattern(
				{ source: ['aws.ec2'], detail: { state: ['running', 'terminated'] } },
				instanceStateChange,
			),
		).toBe(true);
		expect(
			matchesEventPattern(
				{ source: ['aws.ec2'], detail: { state: ['running', 'pending'] } },
				instanceStateChange,
			),
		).toBe(false);
		expect(
			matchesEventPattern(
				{ source: ['aws.s3'], detail: { state: ['terminated'] } },
				instanceStateChange,
			),
		).toBe(false);
	});

	it('matches an array in the event when any element is listed', () => {
		expect(
			matchesEventPattern(
				{
					resources: [
						'arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f',
						'arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0',
					],
				},
				instanceStateChange,
			),
		).toBe(true);
		expect(
			matchesEventPattern(
				{ resources: ['arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f'] },
				instanceStateChange,
			),
		).toBe(false);
	});

	it('compares case-sensitively and by type', () => {
		expect(matchesEventPattern({ detail: { state: ['Terminated'] } }, instanceStateChange)).toBe(
			false,
		);
		expect(matchesEventPattern({ detail: { 'c-count': ['5'] } }, instanceStateChange)).toBe(false);
		expect(matchesEventPattern({ detail: { 'c-count': [5] } }, instanceStateChange)).toBe(true);
	});

	it('matches null only against a null value, not a missing field', () => {
		expect(matchesEventPattern({ detail: { responseElements: [null] } }, instanceStateChange)).toBe(
			true,
		);
		expect(matchesEventPattern({ detail: { missingField: [null] } }, instanceStateChange)).toBe(
			false,
		);
	});

	it('matches prefix, suffix and equals-ignore-case on strings', () => {
		expect(matchesEventPattern({ time: [{ prefix: '2017-12-22' }] }, instanceStateChange)).toBe(
			true,
		);
		expect(matchesEventPattern({ time: [{ prefix: '2017-12-23' }] }, instanceStateChange)).toBe(
			false,
		);
		expect(
			matchesEventPattern(
				{ source: [{ prefix: { 'equals-ignore-case': 'AWS.' } }] },
				instanceStateChange,
			),
		).toBe(true);
		expect(
			matchesEventPattern({ detail: { filename: [{ suffix: '.png' }] } }, instanceStateChange),
		).toBe(true);
		expect(
			matchesEventPattern({ detail: { filename: [{ suffix: '.jpg' }] } }, instanceStateChange),
		).toBe(false);
		expect(
			matchesEventPattern(
				{ 'detail-type': [{ 'equals-ignore-case': 'ec2 instance state-change notification' }] },
				instanceStateChange,
			),
		).toBe(true);
	});

	it('matches anything-but a value, a list, or a prefix, and never a missing field', () => {
		expect(
			matchesEventPattern(
				{ detail: { state: [{ 'anything-but': 'initializing' }] } },
				instanceStateChange,
			),
		).toBe(true);
		expect(
			matchesEventPattern(
				{ detail: { state: [{ 'anything-but': 'terminated' }] } },
				instanceStateChange,
			),
		).toBe(false);
		expect(
			matchesEventPattern(
				{ detail: { state: [{ 'anything-but': ['stopped', 'terminated'] }] } },
				instanceStateChange,
			),
		).toBe(false);
		expect(
			matchesEventPattern(
				{ detail: { 'x-limit': [{ 'anything-but': 123 }] } },
				instanceStateChange,
			),
		).toBe(true);
		expect(
			matchesEventPattern(
				{ detail: { state: [{ 'anything-but': { prefix: 'term' } }] } },
				instanceStateChange,
			),
		).toBe(false);
		expect(
			matchesEventPattern(
				{ detail: { state: [{ 'anything-but': { prefix: 'init' } }] } },
				instanceStateChange,
			),
		).toBe(true);
		expect(
			matchesEventPattern({ detail: { missing: [{ 'anything-but': 'x' }] } }, instanceStateChange),
		).toBe(false);
	});

	it('matches numeric ranges and equality only on numbers', () => {
		expect(
			matchesEventPattern(
				{
					detail: {
						'c-count': [{ numeric: ['>', 0, '<=', 5] }],
						'd-count': [{ numeric: ['<', 10] }],
						'x-limit': [{ numeric: ['=', 3.018e2] }],
					},
				},
				instanceStateChange,
			),
		).toBe(true);
		expect(
			matchesEventPattern({ detail: { 'c-count': [{ numeric: ['>', 5] }] } }, instanceStateChange),
		).toBe(false);
		expect(
			matchesEventPattern({ detail: { state: [{ numeric: ['>', 0] }] } }, instanceStateChange),
		).toBe(false);
	});

	it('matches exists true on present leaves and exists false on absent ones', () => {
		expect(
			matchesEventPattern({ detail: { 'c-count': [{ exists: true }] } }, instanceStateChange),
		).toBe(true);
		expect(
			matchesEventPattern({ detail: { 'c-count': [{ exists: false }] } }, instanceStateChange),
		).toBe(false);
		expect(
			matchesEventPattern({ detail: { 'e-count': [{ exists: false }] } }, instanceStateChange),
		).toBe(true);
		expect(
			matchesEventPattern({ detail: { 'e-count': [{ exists: true }] } }, instanceStateChange),
		).toBe(false);
		// exists applies to leaves: an object at the path is not a matching leaf.
		expect(matchesEventPattern({ detail: [{ exists: true }] }, instanceStateChange)).toBe(false);
	});

	it('matches $or when any alternative matches, alongside the fields outside it', () => {
		const pattern = {
			source: ['aws.ec2'],
			detail: {
				$or: [
					{ 'c-count': [{ numeric: ['>', 0, '<=', 5] }] },
					{ 'd-count': [{ numeric: ['<', 10] }] },
					{ 'x-limit': [{ numeric: ['>', 0, '<=', 5] }] },
				],
			},
		};
		expect(matchesEventPattern(pattern, instanceStateChange)).toBe(true);
		expect(matchesEventPattern({ ...pattern, source: ['aws.s3'] }, instanceStateChange)).toBe(
			false,
		);
		expect(
			matchesEventPattern(
				{ $or: [{ source: ['aws.s3'] }, { detail: { state: ['stopped'] } }] },
				instanceStateChange,
			),
		).toBe(false);
	});

	it('refuses operators it does not implement instead of guessing', () => {
		expect(() =>
			matchesEventPattern({ source: [{ wildcard: 'aws.*' }] }, instanceStateChange),
		).toThrow(/"wildcard" operator/);
		expect(() =>
			matchesEventPattern(
				{ detail: { 'source-ip': [{ cidr: '10.0.0.0/24' }] } },
				instanceStateChange,
			),
		).toThrow(/"cidr" operator/);
		expect(() => matchesEventPattern({ source: 'aws.ec2' }, instanceStateChange)).toThrow(
			/leaves must be arrays/,
		);
	});
});
