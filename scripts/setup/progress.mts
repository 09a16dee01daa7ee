/** Progress of the set-up's long steps on stderr, with the time each usually takes. */

/**
 * How long each step took on a fresh machine of the kind CI uses (2 cores, otherwise idle, empty
 * caches), rounded up; shown next to each step so a long wait is an expected one.
 */
export const EXPECTED_SECONDS = {
	projectDependencies: 120,
	n8nPackages: 240,
	sqlite3Build: 150,
};

export function minutes(seconds: number): string {
	const whole = Math.round(seconds);
	return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}

function about(seconds: number): string {
	return seconds < 90
		? `about ${Math.round(seconds / 10) * 10} s`
		: `about ${Math.round(seconds / 60)} min`;
}

/** One long step: what it is, how long it usually takes, and how far it got. */
export interface Step {
	label: string;
	expectedSeconds: number;
	startedAt: number;
	finishedAt?: number;
	/** Done so far, such as "1,240 of 2,305 packages"; undefined when it cannot be counted. */
	progress?: () => string | undefined;
}

/**
 * Progress of the steps running at the same time: a line when a step starts and ends, and a status
 * line (redrawn in place on a terminal, every 30 s in logs) with each running step's progress.
 */
export class Progress {
	private readonly steps: Step[] = [];

	private timer?: NodeJS.Timeout;

	private lastLogAt = 0;

	private readonly tty = process.stderr.isTTY === true;

	start(label: string, expectedSeconds: number, progress?: () => string | undefined): Step {
		const step: Step = { label, expectedSeconds, startedAt: Date.now(), progress };
		this.steps.push(step);
		this.print(`${label}, ${about(expectedSeconds)}…`);
		this.timer ??= setInterval(() => this.tick(), 1000);
		return step;
	}

	finish(step: Step): void {
		step.finishedAt = Date.now();
		this.print(`${step.label}: done in ${minutes((step.finishedAt - step.startedAt) / 1000)}`);
		if (this.steps.every((candidate) => candidate.finishedAt !== undefined)) {
			clearInterval(this.timer);
			this.timer = undefined;
		}
	}

	print(line: string): void {
		this.clearStatus();
		process.stderr.write(`[setup] ${line}\n`);
	}

	private status(): string {
		return this.steps
			.filter((step) => step.finishedAt === undefined)
			.map((step) => {
				const elapsed = minutes((Date.now() - step.startedAt) / 1000);
				const counted = step.progress?.();
				return `${step.label.split(':')[0]} ${elapsed} of ~${minutes(step.expectedSeconds)}${counted ? ` (${counted})` : ''}`;
			})
			.join(' · ');
	}

	private tick(): void {
		const status = this.status();
		if (status === '') return;
		if (this.tty) {
			const width = process.stderr.columns ?? 100;
			process.stderr.write(`\r\x1b[2K[setup] ${status}`.slice(0, width + 8));
		} else if (Date.now() - this.lastLogAt >= 30_000) {
			this.lastLogAt = Date.now();
			process.stderr.write(`[setup] ${status}\n`);
		}
	}

	private clearStatus(): void {
		if (this.tty) process.stderr.write('\r\x1b[2K');
	}
}
