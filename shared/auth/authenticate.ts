import {
  verifyAccessToken,
  type AccessTokenClaims,
  type AccessTokenVerification,
} from '../crypto/jwt.js';
import { SIGNING_ALGS } from '../crypto/signing-keys.js';
import { isUUID } from '../validation/ids.js';
import type { Services } from '../http/context.js';
import { isApplicationLive, isUserSessionLive } from '../store/principals.js';
import { isAccessTokenRevoked } from '../store/token-revocation.js';
import { getKeyRing, refreshForUnknownKid, type KeyRingSource } from './key-ring.js';
import type { Principal } from './principal.js';

/** A verified principal, or why the token was not accepted (logged, never sent). */
export type AuthenticationResult =
  { ok: false; reason: string } | { ok: true; principal: Principal; claims: AccessTokenClaims };

/** The key-ring source of a request's services. */
export function keyRingSource(services: Services): KeyRingSource {
  return {
    db: services.db,
    keyEncryptionKey: services.config.keyEncryptionKey,
    alg: services.config.signingAlg,
  };
}

/**
 * Verifies an access token's signature and claims against the key ring (no liveness check),
 * reloading the ring once when the token names a key this isolate has not seen yet.
 */
export async function verifyWithKeyRing(
  services: Services,
  token: string,
  now: Date,
): Promise<AccessTokenVerification> {
  const source = keyRingSource(services);
  const options = {
    issuer: services.config.issuer,
    audience: services.config.audience,
    now,
    allowedAlgs: SIGNING_ALGS,
  };

  const ring = await getKeyRing(source);
  const verified = await verifyAccessToken(token, { ...options, keys: ring.verification });
  if (verified.ok || verified.reason !== 'unknown_kid') {
    return verified;
  }
  // A key rotated in by another isolate may not be in our copy yet.
  const reloaded = await refreshForUnknownKid(source);
  return verifyAccessToken(token, { ...options, keys: reloaded.verification });
}

/**
 * Verifies an access token and checks, in Postgres, that what it speaks for is still live:
 * a person's session not revoked and the person not blocked or deleted; an application not
 * deleted. Revocation state is never taken from the cache alone (SPEC §2.1).
 */
export async function authenticateAccessToken(
  services: Services,
  token: string,
  now: Date,
): Promise<AuthenticationResult> {
  const verified = await verifyWithKeyRing(services, token, now);
  if (!verified.ok) {
    return { ok: false, reason: verified.reason };
  }

  const { claims } = verified;
  if (!isUUID(claims.sub)) {
    return { ok: false, reason: 'subject_not_uuid' };
  }
  const base = {
    id: claims.sub,
    clientId: claims.client_id,
    scope: claims.scope ?? '',
    tokenId: claims.jti,
    expiresAt: claims.exp,
  };

  if (claims.type === 'application') {
    const [live, revoked] = await Promise.all([
      isApplicationLive(services.db(), claims.sub, claims.client_id),
      isAccessTokenRevoked(services.db(), claims.jti),
    ]);
    return live && !revoked
      ? { ok: true, claims, principal: { kind: 'application', ...base } }
      : { ok: false, reason: revoked ? 'token_revoked' : 'application_gone' };
  }

  if (!claims.sid || !isUUID(claims.sid)) {
    return { ok: false, reason: 'user_token_without_session' };
  }
  const live = await isUserSessionLive(services.db(), claims.sub, claims.sid, now);
  return live
    ? { ok: true, claims, principal: { kind: 'user', ...base, sessionId: claims.sid } }
    : { ok: false, reason: 'session_revoked' };
}
