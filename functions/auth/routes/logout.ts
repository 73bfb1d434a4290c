import { Hono } from 'hono';
import { keyRingSource } from '../../../shared/auth/authenticate.js';
import { getKeyRing } from '../../../shared/auth/key-ring.js';
import { verifyIdToken } from '../../../shared/crypto/jwt.js';
import { digestSecret } from '../../../shared/crypto/secrets.js';
import { SIGNING_ALGS } from '../../../shared/crypto/signing-keys.js';
import { bumpPrincipal } from '../../../shared/authz/versions.js';
import { AppError } from '../../../shared/errors.js';
import { clientIp } from '../../../shared/http/client-ip.js';
import type { AppEnv, Services } from '../../../shared/http/context.js';
import { recordAudit } from '../../../shared/store/audit.js';
import { findRefreshToken } from '../../../shared/store/refresh-tokens.js';
import { revokeSession } from '../../../shared/store/sessions.js';
import { parseForm, readBodyText } from '../token/form.js';

export const logout = new Hono<AppEnv>();

/**
 * Compat logout (COMPAT.md): form `id_token_hint` — an ID token, even expired (OpenID
 * RP-Initiated Logout §2), or a refresh token — revokes that session. 204 with no body, also
 * when the hint names nothing live, so the endpoint reveals nothing.
 */
logout.post('/v1/logout', async (c) => {
  const services = c.var.services;
  const form = parseForm(c.req.header('Content-Type'), await readBodyText(c), ['id_token_hint']);
  const hint = form.id_token_hint;
  if (!hint) {
    throw new AppError('missing_fields', {
      reason: 'id_token_hint_missing',
      message: 'id_token_hint is required.',
    });
  }

  const now = new Date();
  const session =
    (await sessionOfIdToken(services, hint, now)) ?? (await sessionOfRefresh(services, hint));
  if (session && (await revokeSession(services.db(), session.sessionId, 'logout', now))) {
    await bumpPrincipal(services, 'user', session.userId);
    await recordAudit(services.db(), {
      action: 'session.logged_out',
      actor: { type: 'user', id: session.userId },
      target: { type: 'session', id: session.sessionId },
      clientIp: clientIp(c),
      requestId: c.get('requestId'),
    });
  }
  return c.body(null, 204);
});

type SessionRef = { sessionId: string; userId: string };

async function sessionOfIdToken(
  services: Services,
  hint: string,
  now: Date,
): Promise<SessionRef | undefined> {
  const ring = await getKeyRing(keyRingSource(services));
  const verified = await verifyIdToken(hint, {
    keys: ring.verification,
    issuer: services.config.issuer,
    now,
    allowedAlgs: SIGNING_ALGS,
    allowExpired: true,
  });
  if (!verified.ok || !verified.claims.sid) {
    return undefined;
  }
  return { sessionId: verified.claims.sid, userId: verified.claims.sub };
}

async function sessionOfRefresh(services: Services, hint: string): Promise<SessionRef | undefined> {
  if (hint.length > 256) {
    return undefined;
  }
  const found = await findRefreshToken(services.db(), await digestSecret(hint));
  return found ? { sessionId: found.sessionId, userId: found.userId } : undefined;
}
