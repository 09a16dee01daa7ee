import { EventBridgeClient } from '@aws-sdk/client-eventbridge';

/** A real EventBridge client aimed at a loopback stand-in, with dummy credentials. */
export function eventBridgeClientFor(url: string, maxAttempts = 3): EventBridgeClient {
	return new EventBridgeClient({
		endpoint: url,
		region: 'eu-west-1',
		credentials: { accessKeyId: 'AKIDSTANDIN', secretAccessKey: 'stand-in-secret' },
		maxAttempts,
	});
}

/** The AWS settings that send a job's real EventBridge client to a stand-in, signed as `accessKeyId`. */
export function eventBridgeSettingsFor(url: string, accessKeyId: string): Record<string, string> {
	return {
		AWS_ENDPOINT_URL_EVENTBRIDGE: url,
		AWS_REGION: 'eu-west-1',
		AWS_ACCESS_KEY_ID: accessKeyId,
		AWS_SECRET_ACCESS_KEY: 'stand-in-secret',
	};
}
