// Types of deploymentSettings.cjs, which serverless.yml loads as plain CommonJS.

/** The settings serverless.yml reads with `${file(…/deploymentSettings.cjs):name}`. */
interface DeploymentSettings {
	reconcileMode: 'single' | 'scale';
	singleRunScheduleEnabled: boolean;
	scaleScheduleEnabled: boolean;
	stripeSecretKeyParameterArn: { 'Fn::Sub': string };
	maxConcurrency: number;
}

/** Resolves and validates every derived deployment setting (called by the framework). */
declare function resolveDeploymentSettings(context: {
	resolveVariable: (address: string) => Promise<unknown>;
}): Promise<DeploymentSettings>;

declare namespace resolveDeploymentSettings {
	/** Largest Distributed Map concurrency whose workers together stay within the request budget. */
	function maxConcurrencyWithinBudget(
		requestBudgetPerSecond: number,
		workerRequestsPerSecond: number,
	): number;
}

export = resolveDeploymentSettings;
