// Derived deployment settings for serverless.yml, resolved with `${file(…):name}`.
// YAML cannot compute or validate, and a wrong value here moves money or trips Stripe's rate limit, so
// the few values that depend on other parameters are derived and checked in one place, at package time,
// with errors that name the parameter to fix.
'use strict';

const RECONCILE_MODES = ['single', 'scale'];

/** Reads a stage parameter that must be an integer within [min, max]; throws naming the parameter. */
async function integerParam(resolveVariable, name, min, max) {
	const raw = await resolveVariable(`param:${name}`);
	const value = typeof raw === 'number' ? raw : Number(String(raw).trim());
	if (!Number.isInteger(value) || value < min || value > max) {
		throw new Error(
			`Stage parameter "${name}" must be an integer from ${min} to ${max}, got ${JSON.stringify(raw)}. ` +
				`Set it under params.<stage>.${name} in serverless.yml or pass --param="${name}=<value>".`,
		);
	}
	return value;
}

/** Reads a stage parameter that must be a string (possibly empty); throws naming the parameter. */
async function stringParam(resolveVariable, name) {
	const raw = await resolveVariable(`param:${name}`);
	if (typeof raw !== 'string') {
		throw new Error(`Stage parameter "${name}" must be a string, got ${JSON.stringify(raw)}.`);
	}
	return raw.trim();
}

/**
 * Largest Distributed Map concurrency whose workers, each pacing itself at `workerRequestsPerSecond`,
 * together stay within `requestBudgetPerSecond`.
 */
function maxConcurrencyWithinBudget(requestBudgetPerSecond, workerRequestsPerSecond) {
	if (workerRequestsPerSecond > requestBudgetPerSecond) {
		throw new Error(
			`Stage parameter "scaleWorkerRequestsPerSecond" (${workerRequestsPerSecond}) exceeds ` +
				`"stripeRequestBudgetPerSecond" (${requestBudgetPerSecond}): one worker alone would break the ` +
				'Stripe request budget. Lower the worker rate or raise the budget.',
		);
	}
	return Math.floor(requestBudgetPerSecond / workerRequestsPerSecond);
}

/** Resolves and validates every derived deployment setting (called by the framework). */
async function resolveDeploymentSettings({ resolveVariable }) {
	const reconcileMode = await stringParam(resolveVariable, 'reconcileMode');
	if (!RECONCILE_MODES.includes(reconcileMode)) {
		throw new Error(
			`Stage parameter "reconcileMode" must be one of ${RECONCILE_MODES.join(', ')}, got "${reconcileMode}". ` +
				'"single" runs reconcilePayouts as one scheduled Lambda; "scale" runs the Step Functions fan-out.',
		);
	}

	const stripeSecretKeyParameter = await stringParam(resolveVariable, 'stripeSecretKeyParameter');
	if (!/^\/[A-Za-z0-9_.\-/]+$/.test(stripeSecretKeyParameter)) {
		throw new Error(
			`Stage parameter "stripeSecretKeyParameter" must be a fully qualified SSM parameter name such as ` +
				`"/stripe-connect/prod/secret-key" (leading slash; letters, digits, _ . - /), got "${stripeSecretKeyParameter}".`,
		);
	}

	const stripeSecretKeyKmsKeyArn = await stringParam(resolveVariable, 'stripeSecretKeyKmsKeyArn');
	if (
		stripeSecretKeyKmsKeyArn !== '' &&
		!/^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[A-Za-z0-9-]+$/.test(stripeSecretKeyKmsKeyArn)
	) {
		throw new Error(
			'Stage parameter "stripeSecretKeyKmsKeyArn" must be empty (the SecureString uses the AWS managed ' +
				`key aws/ssm) or a KMS key ARN "arn:aws:kms:<region>:<account>:key/<id>", got "${stripeSecretKeyKmsKeyArn}".`,
		);
	}

	const alertEmail = await stringParam(resolveVariable, 'alertEmail');
	if (alertEmail !== '' && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(alertEmail)) {
		throw new Error(
			`Stage parameter "alertEmail" must be empty (no subscription) or one e-mail address, got "${alertEmail}".`,
		);
	}

	const eventBusName = await stringParam(resolveVariable, 'eventBusName');
	const stripePartnerEventSource = await stringParam(resolveVariable, 'stripePartnerEventSource');
	if (
		stripePartnerEventSource !== '' &&
		!/^aws\.partner\/stripe\.com(\/[A-Za-z0-9._-]+)+$/.test(stripePartnerEventSource)
	) {
		throw new Error(
			'Stage parameter "stripePartnerEventSource" must be empty (no real-time Stripe alerts) or the name of ' +
				'the partner event source a Stripe event destination created, "aws.partner/stripe.com/ed_…" (EventBridge ' +
				`console, Partner event sources), got "${stripePartnerEventSource}".`,
		);
	}
	if (stripePartnerEventSource !== '' && eventBusName === stripePartnerEventSource) {
		throw new Error(
			'Stage parameter "eventBusName" names the Stripe partner event bus: only Stripe may publish to it. ' +
				'Leave eventBusName empty (the stack creates the jobs\' bus) or name another bus.',
		);
	}

	const requestBudgetPerSecond = await integerParam(
		resolveVariable,
		'stripeRequestBudgetPerSecond',
		1,
		10000,
	);
	const workerRequestsPerSecond = await integerParam(
		resolveVariable,
		'scaleWorkerRequestsPerSecond',
		1,
		10000,
	);
	await integerParam(resolveVariable, 'scaleBatchSize', 1, 1000);
	await integerParam(resolveVariable, 'scaleToleratedFailurePercentage', 0, 100);

	return {
		reconcileMode,
		singleRunScheduleEnabled: reconcileMode === 'single',
		scaleScheduleEnabled: reconcileMode === 'scale',
		// The ARN of a parameter whose name starts with "/" is "…:parameter" followed by the name.
		stripeSecretKeyParameterArn: {
			'Fn::Sub': `arn:\${AWS::Partition}:ssm:\${AWS::Region}:\${AWS::AccountId}:parameter${stripeSecretKeyParameter}`,
		},
		maxConcurrency: maxConcurrencyWithinBudget(requestBudgetPerSecond, workerRequestsPerSecond),
	};
}

module.exports = resolveDeploymentSettings;
module.exports.maxConcurrencyWithinBudget = maxConcurrencyWithinBudget;
