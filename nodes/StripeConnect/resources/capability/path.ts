/** `/v1/accounts/{account}/capabilities/{capability}` with both parameters trimmed. */
export const capabilityPath =
	'=/v1/accounts/{{String($parameter["accountId"]).trim()}}/capabilities/{{String($parameter["capability"]).trim()}}';
