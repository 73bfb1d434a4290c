import { decodeProtectedHeader } from 'jose';
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

/** A refusal for `reason`. */
export function reject(reason: TokenRejection): Rejected {
  return { ok: false, reason };
}

function readHeader(token: string): ProtectedHeaderParameters | undefined {
  try {
    return decodeProtectedHeader(token);
  } catch {
    return undefined;
  }
}
