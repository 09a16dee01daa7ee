import { sleep } from 'n8n-workflow';

/** The parts of the HTTP response n8n answers a delivery on (Express's, a Node ServerResponse). */
export interface DeliveryResponse {
	readonly statusCode: number;
	/** n8n has called `end()`: its answer is written, whether or not the client still listens. */
	readonly writableEnded: boolean;
	/** The answer went out to the client. */
	readonly writableFinished: boolean;
	once(event: 'finish' | 'close', listener: () => void): unknown;
}

/** How often, and how long, to look for n8n's answer after the client stopped waiting. */
const LATE_ANSWER_POLL_MS = 100;
const LATE_ANSWER_LIMIT_MS = 5 * 60_000;

/**
 * Whether n8n took the execution a delivery started: the status n8n answered is 2xx. The node
 * returns the event without answering itself and the webhook is `responseMode: 'onReceived'`, so
 * n8n 2.41.1 answers only after its WorkflowRunner accepted the execution (stored it and started or
 * queued it), and answers 500 when it could not (webhook-helpers.ts, `shouldDeferOnReceivedResponse`).
 *
 * When the client leaves before n8n answers (Stripe stopped waiting and will deliver again), n8n
 * still finishes and writes its answer into the closed connection; that status still tells whether
 * the execution started, so it is read once written. Resolves false when no answer comes within
 * five minutes: Stripe's retry may then start the event a second time, which is better than never.
 */
export async function acceptedByN8n(
	response: DeliveryResponse,
	timing = { pollMs: LATE_ANSWER_POLL_MS, limitMs: LATE_ANSWER_LIMIT_MS },
): Promise<boolean> {
	const answered = (): boolean => response.statusCode >= 200 && response.statusCode < 300;
	if (response.writableFinished) return answered();
	// 'finish' comes before 'close' when the answer went out; 'close' alone when the client left.
	const finished = await new Promise<boolean>((resolve) => {
		response.once('finish', () => resolve(true));
		response.once('close', () => resolve(response.writableFinished));
	});
	if (finished) return answered();
	for (let waited = 0; waited < timing.limitMs; waited += timing.pollMs) {
		if (response.writableEnded) return answered();
		await sleep(timing.pollMs);
	}
	return false;
}
