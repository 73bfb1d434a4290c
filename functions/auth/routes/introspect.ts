import { Hono } from 'hono';
import { authenticateAccessToken } from '../../../shared/auth/authenticate.js';
import { digestSecret } from '../../../shared/crypto/secrets.js';
import type { AppEnv, Services } from '../../../shared/http/context.js';
import { findRefreshToken } from '../../../shared/store/refresh-tokens.js';
import type { ClientRecord } from '../../../shared/store/clients.js';
import { readTokenForm } from '../token/token-form.js';
import { noStore } from './no-store.js';

export const introspect = new Hono<AppEnv>();
introspect.use('/oauth/introspect', noStore);

/** RFC 7662 §2.2: what an inactive token gets, exactly, whatever the reason. */
const INACTIVE = { active: false } as const;

/**
 * RFC 7662: the caller authenticates as a client; an access token is active when its signature,
 * claims and liveness (session, user, application, revocation) all hold; a refresh token only
 * to the client it was issued to.
 */
introspect.post('/oauth/introspect', async (c) => {
  const services = c.var.services;
  const now = new Date();
  const { token, client } = await readTokenForm(c, now);
  if (!token) {
    return c.json(INACTIVE);
  }

  const access = await authenticateAccessToken(services, token, now);
  if (access.ok) {
    const { claims } = access;
    return c.json({
      active: true,
      token_type: 'Bearer',
      scope: claims.scope ?? '',
      client_id: claims.client_id,
      ...(claims.type === 'normal-user' && claims.name ? { username: claims.name } : {}),
      sub: claims.sub,
      aud: claims.aud,
      iss: claims.iss,
      exp: claims.exp,
      iat: claims.iat,
      ...(claims.nbf ? { nbf: claims.nbf } : {}),
      jti: claims.jti,
      ...(claims.sid ? { sid: claims.sid } : {}),
      type: claims.type,
    });
  }

  const refresh = await introspectRefreshToken(services, token, client, now);
  return c.json(refresh ?? INACTIVE);
});

async function introspectRefreshToken(
  services: Services,
  token: string,
  client: ClientRecord,
  now: Date,
): Promise<Record<string, unknown> | undefined> {
  if (token.length > 256) {
    return undefined;
  }
  const found = await findRefreshToken(services.db(), await digestSecret(token));
  const live =
    found &&
    found.applicationId === client.id &&
    !found.rotatedAt &&
    !found.sessionRevokedAt &&
    !found.userBlocked &&
    found.expiresAt > now &&
    found.sessionExpiresAt > now;
  if (!live) {
    return undefined;
  }
  return {
    active: true,
    token_type: 'refresh_token',
    scope: found.scope,
    client_id: client.clientId,
    sub: found.userId,
    sid: found.sessionId,
    exp: Math.floor(found.expiresAt.getTime() / 1000),
  };
}
