import { checkHeader, reject } from './jwt-checks';
import type { Rejected, TokenRejection, VerifyTokenOptions } from './jwt-checks';
import { ID_TOKEN_TYP, readIdTokenClaims } from './jwt-claims';
import type { IdTokenClaims } from './jwt-claims';
import { verifySignedClaims } from './jwt-signed-claims';
import type { SigningAlg } from './signing-keys';

/** Why an ID token was refused; for logs, never for the client. */
export type IdTokenRejection = TokenRejection;

/** Protected header of a verified ID token; `typ` is absent when the token carried none. */
export interface IdTokenHeader {
  alg: SigningAlg;
  kid: string;
  typ?: string;
}

/** Outcome of `verifyIdToken`. */
export type IdTokenVerification =
  { ok: true; claims: IdTokenClaims; header: IdTokenHeader } | Rejected;

/** What verification checks an ID token against. */
export interface VerifyIdTokenOptions extends VerifyTokenOptions {
  /** When given, `aud` must be this client id. */
  audience?: string;
  /**
   * Accepts a token past its exp, as an `id_token_hint` at logout may be
   * (OpenID RP-Initiated Logout 1.0 §2). Signature, issuer, audience and nbf still hold.
   */
  allowExpired?: boolean;
}

// RFC 7515 §4.1.9: "JWT" and "application/jwt" name the same media type, in any case.
const idTokenTypes = [ID_TOKEN_TYP.toLowerCase(), `application/${ID_TOKEN_TYP.toLowerCase()}`];

/**
 * Verifies an ID token minted by `signIdToken` (OpenID Connect Core §3.1.3.7) against known
 * keys, with the same hardening as `verifyAccessToken`. Nothing throws: every failure is a reason.
 */
export async function verifyIdToken(
  token: string,
  options: VerifyIdTokenOptions,
): Promise<IdTokenVerification> {
  const header = checkHeader(token, options, isIdTokenTyp);
  if (!header.ok) {
    return header;
  }

  // OpenID Connect Core §2: iss, sub, aud, exp and iat are required.
  const verified = await verifySignedClaims(token, header, options, {
    audience: options.audience,
    requiredClaims: ['sub', 'aud', 'exp', 'iat'],
    allowExpired: options.allowExpired === true,
  });
  if (!verified.ok) {
    return verified;
  }

  const claims = readIdTokenClaims(verified.payload);
  if (!claims) {
    return reject('invalid_claims');
  }

  const { alg, kid, typ } = header;
  return { ok: true, claims, header: typ === undefined ? { alg, kid } : { alg, kid, typ } };
}

// `typ` may be left out (RFC 7519 §5.1); "at+jwt" and every other type are other tokens.
function isIdTokenTyp(typ: unknown): typ is string | undefined {
  return typ === undefined || (typeof typ === 'string' && idTokenTypes.includes(typ.toLowerCase()));
}
