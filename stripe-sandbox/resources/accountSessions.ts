import { loadStripeSpec, resolveSchema } from '../openapi/spec';
import type { RouteTable } from '../types';
import { accountFromParam } from './accounts';

const ACCOUNT_SESSION_LIFETIME_SECONDS = 1800;

/** Every embedded component Stripe's account_session lists, enabled only where requested. */
function sessionComponents(
	requested: Record<string, { enabled?: boolean; features?: Record<string, boolean> }>,
) {
	const components = resolveSchema(
		loadStripeSpec().schemas.account_session.properties?.components ?? {},
	);
	return Object.fromEntries(
		Object.entries(components.properties ?? {}).map(([name, schema]) => {
			const featureSchema = resolveSchema(resolveSchema(schema).properties?.features ?? {});
			const asked = requested[name] ?? {};
			const features = Object.fromEntries(
				Object.keys(featureSchema.properties ?? {}).map((feature) => [
					feature,
					asked.features?.[feature] ?? false,
				]),
			);
			return [name, { enabled: asked.enabled === true, features }];
		}),
	);
}

/** Routes for account sessions: client secrets for Connect's embedded components. */
export const accountSessionRoutes: RouteTable = {
	'POST /v1/account_sessions': ({ core, params }) => {
		const account = accountFromParam(core, String(params.account));
		return {
			object: 'account_session',
			account: account.id,
			client_secret: `accs_secret__${core.ids.token(40)}`,
			components: sessionComponents(
				params.components as Record<
					string,
					{ enabled?: boolean; features?: Record<string, boolean> }
				>,
			),
			expires_at: core.now() + ACCOUNT_SESSION_LIFETIME_SECONDS,
			livemode: false,
		};
	},
};
