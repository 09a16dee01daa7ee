import { describe, expect, it } from 'vitest';

import { buildReport, compared, describeMachine, formatReport } from '../../../bench/lib/report';

const reference = { name: 'bound', value: 2 };

function reportOf(...figures: ReturnType<typeof compared>[]) {
	const scenario = { id: 'tips', title: 'Tips', setup: '', figures, notes: [], durationMs: 1 };
	return buildReport('npm run bench', new Date(0), 1, describeMachine(), [scenario]);
}

describe('the benchmark report', () => {
	it('fails the run when a target is missed', () => {
		const report = reportOf(
			compared('wall time', 3, 's', reference, { description: '≤ 1.15 ×', maxRatio: 1.15 }),
		);

		expect(report.allTargetsHold).toBe(false);
		expect(formatReport(report)).toMatch(/✘ MISSED {2}tips · wall time/);
		expect(formatReport(report)).toMatch(/Not every target holds/);
	});

	it('prints a miss the project decided as missed, with where the decision is, without failing the run', () => {
		const report = reportOf(
			compared('wall time', 3, 's', reference, {
				description: '≤ 1.15 ×',
				maxRatio: 1.15,
				missDecided: 'docs/benchmarks.md',
			}),
			compared('calls', 2, 'calls', reference, { description: '≤ 1.02 ×', maxRatio: 1.02 }),
		);

		expect(report.allTargetsHold).toBe(true);
		const text = formatReport(report);
		expect(text).toMatch(/✘ MISSED \(decided\) {2}tips · wall time/);
		expect(text).toMatch(/the decision: docs\/benchmarks\.md/);
		expect(text).toMatch(/Every target holds but 1 missed by a recorded decision/);
	});

	it('does not let a decision excuse another target that is missed', () => {
		const report = reportOf(
			compared('wall time', 3, 's', reference, {
				description: '≤ 1.15 ×',
				maxRatio: 1.15,
				missDecided: 'docs/benchmarks.md',
			}),
			compared('calls', 3, 'calls', reference, { description: '≤ 1.02 ×', maxRatio: 1.02 }),
		);

		expect(report.allTargetsHold).toBe(false);
	});
});
