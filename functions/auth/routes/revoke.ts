import { Hono } from 'hono';
import { verifyWithKeyRing } from '../../../shared/auth/authenticate.js';
import { bumpPrincipal } from '../../../shared/authz/versions.js';
import { digestSecret } from '../../../shared/crypto/secrets.js';
import { AppError } from '../../../shared/errors.js';
import { clientIp } from '../../../shared/http/client-ip.js';
import type { AppEnv, Services } from '../../../shared/http/context.js';
import { recordAudit } from '../../../shared/store/audit.js';
import type { ClientRecord } from '../../../shared/store/clients.js';
import { findRefreshToken } from '../../../shared/store/refresh-tokens.js';
import { revokeSession } from '../../../shared/store/sessions.js';
import { revokeAccessToken } from '../../../shared/store/token-revocation.js';
import { readTokenForm } from '../token/token-form.js';
import { noStore } from './no-store.js';

export const revoke = new Hono<AppEnv>();
revoke.use('/oauth/revoke', noStore);

/**
 * RFC 7009. The client authenticates and may revoke only its own tokens. A refresh token
 * revokes its whole session; a person's access token revokes its session too; an application's
 * access token is denied by its `jti` until it expires. Unknown tokens, and tokens of other
 * clients, get the same 200 (§2.2), so the endpoint is no oracle. A storage failure is a 503,
 * never a false 200.
 */
revoke.post('/oauth/revoke', async (c) => {
  const services = c.var.services;
  const now = new Date();
  const { token, client } = await readTokenForm(c, now);
  if (!token) {
    throw new AppError('invalid_request', {
      reason: 'token_missing',
      message: 'token is required.',
    });
  }

  const audit = { clientIp: clientIp(c), requestId: c.get('requestId') };
  try {
    let outcome = await revokeRefreshToken(services, token, client, now);
    if (outcome.kind === 'not_found') {
      outcome = await revokeAccess(services, token, client, now);
    }
    if (outcome.kind === 'revoked') {
      await recordAudit(services.db(), {
        action: 'token.revoked',
        actor: { type: 'application', id: client.id },
        target: outcome.target,
        details: { clientId: client.clientId },
        ...audit,
      });
    }
  } catch (error) {
    throw new AppError('unavailable', { reason: 'revocation_storage_failed', cause: error });
  }
  return c.body(null, 200);
});

/** What one revocation attempt found: nothing, someone else's token, or a revoked one. */
type Outcome =
  | { kind: 'not_found' }
  | { kind: 'other_client' }
  | { kind: 'revoked'; target: { type: string; id: string } };

async function revokeRefreshToken(
  services: Services,
  token: string,
  client: ClientRecord,
  now: Date,
): Promise<Outcome> {
  if (token.length > 256) {
    return { kind: 'not_found' };
  }
  const found = await findRefreshToken(services.db(), await digestSecret(token));
  if (!found) {
    return { kind: 'not_found' };
  }
  if (found.applicationId !== client.id) {
    return { kind: 'other_client' };
  }
  await revokeSession(services.db(), found.sessionId, 'revoked', now);
  await bumpPrincipal(services, 'user', found.userId);
  return { kind: 'revoked', target: { type: 'session', id: found.sessionId } };
}

async function revokeAccess(
  services: Services,
  token: string,
  client: ClientRecord,
  now: Date,
): Promise<Outcome> {
  const verified = await verifyWithKeyRing(services, token, now);
  if (!verified.ok) {
    return { kind: 'not_found' };
  }
  const { claims } = verified;
  if (claims.client_id !== client.clientId) {
    return { kind: 'other_client' };
  }
  if (claims.type === 'normal-user' && claims.sid) {
    await revokeSession(services.db(), claims.sid, 'revoked', now);
    await bumpPrincipal(services, 'user', claims.sub);
    return { kind: 'revoked', target: { type: 'session', id: claims.sid } };
  }
  await revokeAccessToken(services.db(), claims.jti, new Date(claims.exp * 1000));
  await bumpPrincipal(services, 'application', claims.sub);
  return { kind: 'revoked', target: { type: 'access_token', id: claims.jti } };
}
