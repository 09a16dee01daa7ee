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
