import { z } from 'zod';
import type { LibAuthConfig } from './config.js';
import { sha256Hex } from './digest.js';
import { LibAuthError } from './errors.js';
import { createSingleFlight } from './single-flight.js';
import { askAuth, errorCode, type Transport } from './transport.js';
import { TtlCache } from './ttl-cache.js';

/** What `createApplicationTokens` needs; the clock is in milliseconds. */
export interface ApplicationTokenDeps {
  config: LibAuthConfig;
  transport: Transport;
  now: () => number;
}

/** Returns an access token for an application's credentials. */
export type GetApplicationToken = (clientId: string, clientSecret: string) => Promise<string>;

const tokenAnswer = z.object({
  accessToken: z.string().min(1),
  expiresIn: z.number().int().nonnegative(),
});

/**
 * The SDKs' client_credentials call (COMPAT.md), cached per credentials until
 * `renewMarginSeconds` before the token expires; concurrent callers share one request. A token
 * that lives no longer than the margin is fetched afresh each time.
 */
export function createApplicationTokens(deps: ApplicationTokenDeps): GetApplicationToken {
  const tokens = new TtlCache<string>(deps.config.cacheMaxEntries);
  const fetchOnce = createSingleFlight<string>();
  const marginMs = deps.config.renewMarginSeconds * 1000;

  return async (clientId, clientSecret) => {
    // The secret is part of the key (as a digest): a rotated secret never gets the old token.
    const key = `${clientId}\n${await sha256Hex(clientSecret)}`;
    const cached = tokens.get(key, deps.now());
    if (cached) {
      return cached;
    }

    return fetchOnce(key, async () => {
      // Measured from before the call, so the token is renewed early rather than late.
      const requestedAt = deps.now();
      const token = await requestToken(deps.transport, clientId, clientSecret);
      tokens.set(
        key,
        token.accessToken,
        requestedAt + token.expiresIn * 1000 - marginMs,
        requestedAt,
      );
      return token.accessToken;
    });
  };
}

async function requestToken(transport: Transport, clientId: string, clientSecret: string) {
  const answer = await askAuth(transport, '/v1/login/oauth/access_token', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ grantType: 'client_credentials', clientId, clientSecret }),
  });

  const { status, body } = answer;
  if (status >= 400 && status < 500 && status !== 408 && status !== 429) {
    throw new LibAuthError('rejected', 'token_refused', { status, code: errorCode(body) });
  }
  if (status !== 200) {
    throw new LibAuthError('unavailable', 'auth_failed', { status, code: errorCode(body) });
  }

  const parsed = tokenAnswer.safeParse(body);
  if (!parsed.success) {
    throw new LibAuthError('unavailable', 'bad_response', { status });
  }
  return parsed.data;
}
