import type { Figure } from './report';

/** What a scenario hands back; the runner adds its id, title and duration. */
export interface ScenarioOutcome {
	setup: string;
	figures: Figure[];
	notes: string[];
}

/** Services the runner gives each scenario. */
export interface ScenarioContext {
	/** Progress for the terminal (stderr), never part of the figures. */
	log: (message: string) => void;
	/**
	 * Figures measured so far, kept if the scenario fails later so a partial run still reports them.
	 * Scenarios push into `outcome.figures`/`outcome.notes` as they go.
	 */
	outcome: ScenarioOutcome;
}

/** One benchmark scenario of issue 9. */
export interface Scenario {
	id: string;
	title: string;
	run: (context: ScenarioContext) => Promise<void>;
}
