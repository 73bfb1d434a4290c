import { decodeProtectedHeader, errors, jwtVerify } from 'jose';
import type { ProtectedHeaderParameters } from 'jose';
import { ACCESS_TOKEN_TYP, readAccessTokenClaims } from './jwt-claims';
import type { AccessTokenClaims } from './jwt-claims';
import { isSigningAlg } from './signing-keys';
import type { SigningAlg, VerificationKey } from './signing-keys';

/** Longest token read; anything longer is refused before decoding. */
export const MAX_TOKEN_LENGTH = 8192;

/** Default leeway for exp, nbf and iat, in seconds. */
export const DEFAULT_CLOCK_TOLERANCE_SECONDS = 5;

/** Why an access token was refused; for logs, never for the client. */
export type AccessTokenRejection =
  | 'malformed'
  | 'alg_not_allowed'
  | 'embedded_key'
  | 'unsupported_header'
  | 'wrong_type'
  | 'unknown_kid'
  | 'key_alg_mismatch'
  | 'bad_signature'
  | 'expired'
  | 'not_yet_valid'
  | 'wrong_issuer'
  | 'wrong_audience'
  | 'invalid_claims';

/** Protected header of a verified access token. */
export interface AccessTokenHeader {
  alg: SigningAlg;
  kid: string;
  typ: string;
}

/** Outcome of `verifyAccessToken`. */
export type AccessTokenVerification =
  | { ok: true; claims: AccessTokenClaims; header: AccessTokenHeader }
  | { ok: false; reason: AccessTokenRejection };

/** What verification checks a token against. */
export interface VerifyAccessTokenOptions {
  /** Published keys by kid. */
  keys: ReadonlyMap<string, VerificationKey>;
  issuer: string;
  /** When given, `aud` must name it (or one of them). */
  audience?: string | string[];
  now: Date;
  allowedAlgs: readonly SigningAlg[];
  clockToleranceSeconds?: number;
}

// RFC 7515 §4.1.3–4.1.6: a token must not choose the key it is verified with.
const embeddedKeyHeaders = ['jwk', 'jku', 'x5u', 'x5c'] as const;

// RFC 9068 §4: "at+jwt", with or without the "application/" prefix, in any case.
const accessTokenTypes = [ACCESS_TOKEN_TYP, `application/${ACCESS_TOKEN_TYP}`];

const compactJws = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/**
 * Verifies an access token (RFC 9068 §4) against known keys. Each check is an early exit and
 * every failure, bad input included, is a reason: nothing throws.
 */
export async function verifyAccessToken(
  token: string,
  options: VerifyAccessTokenOptions,
): Promise<AccessTokenVerification> {
  // Bounded, three base64url parts (a JWE has five), before any decoding or crypto.
  if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH || !compactJws.test(token)) {
    return reject('malformed');
  }

  const header = readHeader(token);
  if (!header) {
    return reject('malformed');
  }

  // RFC 8725 §3.1: only allow-listed algorithms; `none` and HS* are never signing algorithms.
  const { alg } = header;
  if (!isSigningAlg(alg) || !options.allowedAlgs.includes(alg)) {
    return reject('alg_not_allowed');
  }

  if (embeddedKeyHeaders.some((name) => header[name] !== undefined)) {
    return reject('embedded_key');
  }

  // RFC 7515 §4.1.11: no extension is understood here, so any `crit` is refused.
  if (header.crit !== undefined || header.b64 !== undefined) {
    return reject('unsupported_header');
  }

  // RFC 9068 §4: tells access tokens apart from ID tokens and other JWTs signed by the same keys.
  const { typ } = header;
  if (typeof typ !== 'string' || !accessTokenTypes.includes(typ.toLowerCase())) {
    return reject('wrong_type');
  }

  const { kid } = header;
  const key = typeof kid === 'string' ? options.keys.get(kid) : undefined;
  if (typeof kid !== 'string' || !key) {
    return reject('unknown_kid');
  }

  // A key is used with the one algorithm it was made for (RFC 8725 §3.1).
  if (key.alg !== alg) {
    return reject('key_alg_mismatch');
  }

  const tolerance = options.clockToleranceSeconds ?? DEFAULT_CLOCK_TOLERANCE_SECONDS;
  let payload: Record<string, unknown>;
  try {
    const verified = await jwtVerify(token, key.publicKey, {
      algorithms: [alg],
      issuer: options.issuer,
      ...(options.audience === undefined ? {} : { audience: options.audience }),
      currentDate: options.now,
      clockTolerance: tolerance,
      requiredClaims: ['sub', 'exp', 'iat', 'jti', 'client_id'],
    });
    payload = verified.payload;
  } catch (error) {
    return reject(rejectionOf(error));
  }

  // jose checks iat only against a maximum age; a token from the future is not valid yet.
  const { iat } = payload;
  if (typeof iat === 'number' && iat > epochSeconds(options.now) + tolerance) {
    return reject('not_yet_valid');
  }

  const claims = readAccessTokenClaims(payload);
  if (!claims) {
    return reject('invalid_claims');
  }

  return { ok: true, claims, header: { alg, kid, typ } };
}

function reject(reason: AccessTokenRejection): AccessTokenVerification {
  return { ok: false, reason };
}

function readHeader(token: string): ProtectedHeaderParameters | undefined {
  try {
    return decodeProtectedHeader(token);
  } catch {
    return undefined;
  }
}

function rejectionOf(error: unknown): AccessTokenRejection {
  if (error instanceof errors.JWSSignatureVerificationFailed) {
    return 'bad_signature';
  }
  if (error instanceof errors.JWTExpired) {
    return 'expired';
  }
  if (error instanceof errors.JWTClaimValidationFailed) {
    return claimRejection(error);
  }
  if (error instanceof errors.JOSEAlgNotAllowed) {
    return 'alg_not_allowed';
  }

  // JWSInvalid, JWTInvalid and anything unforeseen: fail closed.
  return 'malformed';
}

function claimRejection(error: errors.JWTClaimValidationFailed): AccessTokenRejection {
  if (error.reason === 'missing') {
    return 'invalid_claims';
  }

  switch (error.claim) {
    case 'nbf':
      return 'not_yet_valid';
    case 'iss':
      return 'wrong_issuer';
    case 'aud':
      return 'wrong_audience';
    default:
      return 'invalid_claims';
  }
}

function epochSeconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}
