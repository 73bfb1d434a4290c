import { decodeProtectedHeader, errors, jwtVerify } from 'jose';
import type { ProtectedHeaderParameters } from 'jose';
import { isSigningAlg } from './signing-keys';
import type { SigningAlg, VerificationKey } from './signing-keys';

/** Longest token read; anything longer is refused before decoding. */
export const MAX_TOKEN_LENGTH = 8192;

/** Default leeway for exp, nbf and iat, in seconds. */
export const DEFAULT_CLOCK_TOLERANCE_SECONDS = 5;

/** Why a token was refused; for logs, never for the client. */
export type TokenRejection =
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

/** A refused token, as every verifier reports it. */
export type Rejected = { ok: false; reason: TokenRejection };

/** What every verifier checks a token against. */
export interface VerifyTokenOptions {
  /** Published keys by kid. */
  keys: ReadonlyMap<string, VerificationKey>;
  issuer: string;
  now: Date;
  allowedAlgs: readonly SigningAlg[];
  clockToleranceSeconds?: number;
}

/** A protected header that passed every check, with the key its kid names. */
export interface CheckedHeader<Typ> {
  ok: true;
  alg: SigningAlg;
  kid: string;
  typ: Typ;
  key: VerificationKey;
}

/** What one kind of token demands of its claims set. */
export interface ClaimsPolicy {
  /** When given, `aud` must name it (or one of them). */
  audience?: string | string[] | undefined;
  requiredClaims: readonly string[];
  /** Accepts a token past its exp; every other check still holds. */
  allowExpired: boolean;
}

// RFC 7515 §4.1.3–4.1.6: a token must not choose the key it is verified with.
const embeddedKeyHeaders = ['jwk', 'jku', 'x5u', 'x5c'] as const;

const compactJws = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/**
 * Checks a token's shape and protected header and finds its key, all before any crypto.
 * `acceptsTyp` is the one step that differs between kinds of token.
 */
export function checkHeader<Typ>(
  token: string,
  options: VerifyTokenOptions,
  acceptsTyp: (typ: unknown) => typ is Typ,
): CheckedHeader<Typ> | Rejected {
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

  // RFC 8725 §3.11: explicit typing keeps kinds of token signed by the same keys apart.
  const typ: unknown = header.typ;
  if (!acceptsTyp(typ)) {
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

  return { ok: true, alg, kid, typ, key };
}

/** Verifies the signature, then iss, aud, nbf, exp and iat; the payload when all of them hold. */
export async function verifySignedClaims(
  token: string,
  header: Pick<CheckedHeader<unknown>, 'alg' | 'key'>,
  options: VerifyTokenOptions,
  policy: ClaimsPolicy,
): Promise<{ ok: true; payload: Record<string, unknown> } | Rejected> {
  const tolerance = options.clockToleranceSeconds ?? DEFAULT_CLOCK_TOLERANCE_SECONDS;
  let payload: Record<string, unknown>;
  try {
    const verified = await jwtVerify(token, header.key.publicKey, {
      algorithms: [header.alg],
      issuer: options.issuer,
      ...(policy.audience === undefined ? {} : { audience: policy.audience }),
      currentDate: options.now,
      clockTolerance: tolerance,
      requiredClaims: [...policy.requiredClaims],
    });
    payload = verified.payload;
  } catch (error) {
    const expired = policy.allowExpired ? expiredPayload(error) : undefined;
    if (!expired) {
      return reject(rejectionOf(error));
    }
    payload = expired;
  }

  // jose checks iat only against a maximum age; a token from the future is not valid yet.
  const { iat } = payload;
  if (typeof iat === 'number' && iat > epochSeconds(options.now) + tolerance) {
    return reject('not_yet_valid');
  }

  return { ok: true, payload };
}

function reject(reason: TokenRejection): Rejected {
  return { ok: false, reason };
}

function readHeader(token: string): ProtectedHeaderParameters | undefined {
  try {
    return decodeProtectedHeader(token);
  } catch {
    return undefined;
  }
}

// jose checks exp after the signature and every other claim (with no maxTokenAge set), so an
// exp failure means all else held and its payload is the verified claims set. Pinned by tests.
function expiredPayload(error: unknown): Record<string, unknown> | undefined {
  if (error instanceof errors.JWTExpired && error.claim === 'exp') {
    return error.payload;
  }
  return undefined;
}

function rejectionOf(error: unknown): TokenRejection {
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

function claimRejection(error: errors.JWTClaimValidationFailed): TokenRejection {
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
