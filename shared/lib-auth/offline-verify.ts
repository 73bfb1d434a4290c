import { jwtVerify, type JWTPayload } from 'jose';
import type { LibAuthConfig } from './config.js';
import { LibAuthError } from './errors.js';
import type { JwksCache } from './jwks.js';
import { unauthenticated, unavailable, type CheckOutcome } from './outcome.js';

/** Algorithms a token may be signed with (SPEC §3.2; RFC 8725 §3.1: never `none` or HS*). */
export const ALLOWED_ALGS = ['ES256', 'RS256', 'EdDSA'] as const;

/** RFC 9068 §2.1: access tokens are typed `at+jwt`. */
export const ACCESS_TOKEN_TYP = 'at+jwt';

/** Leeway for `exp`, `nbf` and `iat`, in seconds. */
export const CLOCK_TOLERANCE_SECONDS = 5;

/** A verified access token's claims, or the outcome that refuses it. */
export type OfflineVerification =
  | { ok: true; claims: JWTPayload & { sub: string; exp: number } }
  | { ok: false; outcome: CheckOutcome };

/**
 * Verifies an access token against auth's published keys (RFC 9068 §4): allow-listed `alg`,
 * `typ` at+jwt, a known `kid`, signature, `exp`/`nbf`, and `iss`/`aud` when configured.
 * Nothing here knows about revocation: that is what the permission fetch and its bound are for.
 */
export async function verifyOffline(
  token: string,
  config: LibAuthConfig,
  keys: JwksCache,
  now: number,
): Promise<OfflineVerification> {
  try {
    const { payload } = await jwtVerify(token, (header) => keys.keyFor(header), {
      algorithms: [...ALLOWED_ALGS],
      typ: ACCESS_TOKEN_TYP,
      issuer: config.issuer,
      audience: config.audience,
      currentDate: new Date(now),
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      requiredClaims: ['sub', 'exp', 'iat'],
    });
    if (typeof payload.sub !== 'string' || typeof payload.exp !== 'number') {
      return { ok: false, outcome: unauthenticated('token_invalid') };
    }
    return { ok: true, claims: { ...payload, sub: payload.sub, exp: payload.exp } };
  } catch (error) {
    if (error instanceof LibAuthError) {
      return { ok: false, outcome: unavailable('keys_unavailable') };
    }
    return { ok: false, outcome: unauthenticated('token_invalid') };
  }
}
