import { digestSecret } from '../../../shared/crypto/secrets.js';
import { timingSafeEqualString } from '../../../shared/crypto/encoding.js';
import { AppError } from '../../../shared/errors.js';
import type { Services } from '../../../shared/http/context.js';
import { loadClient } from '../../../shared/auth/clients.js';
import type { ClientRecord } from '../../../shared/store/clients.js';
import { CHALLENGE, type PresentedClient } from './client-auth.js';

/**
 * Checks presented client credentials against the stored secret digests (constant-time
 * compare; a rotated-out secret counts until its `expires_at`). With `allowUnauthenticated`
 * a client id alone identifies the client (the compat refresh route); otherwise a secret is
 * required. Every failure is `invalid_client` (401 + WWW-Authenticate, RFC 6749 §5.2).
 */
export async function authenticateClient(
  services: Services,
  presented: PresentedClient | undefined,
  now: Date,
  options: { allowUnauthenticated?: boolean; peeked?: unknown } = {},
): Promise<ClientRecord> {
  if (!presented) {
    throw invalidClient('no_client_credentials');
  }

  let client = await loadClient(services, presented.clientId, { peeked: options.peeked });
  if (presented.clientSecret === undefined) {
    if (options.allowUnauthenticated && client) {
      return client;
    }
    throw invalidClient('no_client_secret');
  }

  // Digest even for unknown clients, so both paths cost the same.
  const digest = await digestSecret(presented.clientSecret);
  if (!client) {
    throw invalidClient('unknown_client');
  }

  if (secretMatches(client, digest, now)) {
    return client;
  }
  // A secret rotated a moment ago may not be in the cached record: ask Postgres before refusing.
  client = await loadClient(services, presented.clientId, { fresh: true });
  if (client && secretMatches(client, digest, now)) {
    return client;
  }
  throw invalidClient('client_secret_mismatch');
}

/** Whether `digest` equals a live secret's digest; every secret is compared, in constant time. */
function secretMatches(client: ClientRecord, digest: string, now: Date): boolean {
  let matched = false;
  for (const secret of client.secrets) {
    const live = secret.expiresAt === null || secret.expiresAt > now;
    const equal = timingSafeEqualString(digest, secret.digest);
    matched = matched || (live && equal);
  }
  return matched;
}

function invalidClient(reason: string): AppError {
  return new AppError('invalid_client', { reason, headers: CHALLENGE });
}
