import { z } from 'zod';
import { ALLOW, deny, unavailable, type CheckOutcome } from './outcome.js';
import { outcomeOfStatus } from './refusal.js';
import { askAuth, type Transport } from './transport.js';

/** The body of `POST /v1/authorize` (SPEC §3.4, COMPAT.md). */
export interface DecisionBody {
  sub: string;
  resource: string;
  action: string;
  product?: string;
}

// COMPAT.md: `timestamp` is an RFC 3339 string; a number would break the Go client.
const decision = z.object({ authorized: z.boolean(), timestamp: z.iso.datetime({ offset: true }) });

/**
 * Asks auth for one decision about `body` on behalf of `token`, exactly as the Go lib-auth
 * does, and maps the answer to an outcome. Nothing is cached here.
 */
export async function requestDecision(
  transport: Transport,
  token: string,
  body: DecisionBody,
): Promise<CheckOutcome> {
  const answer = await askAuth(transport, '/v1/authorize', {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });

  if (answer.status === 200) {
    const parsed = decision.safeParse(answer.body);
    if (!parsed.success) {
      return unavailable('bad_response');
    }
    return parsed.data.authorized ? ALLOW : deny('policy_denied');
  }

  return outcomeOfStatus(answer.status);
}
