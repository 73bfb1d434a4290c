import { checkHeader, reject } from './jwt-checks';
import type { Rejected, TokenRejection, VerifyTokenOptions } from './jwt-checks';
import { ACCESS_TOKEN_TYP, readAccessTokenClaims } from './jwt-claims';
import type { AccessTokenClaims } from './jwt-claims';
import { verifySignedClaims } from './jwt-signed-claims';
import type { SigningAlg } from './signing-keys';

/** Why an access token was refused; for logs, never for the client. */
export type AccessTokenRejection = TokenRejection;

/** Protected header of a verified access token. */
export interface AccessTokenHeader {
  alg: SigningAlg;
  kid: string;
  typ: string;
}

/** Outcome of `verifyAccessToken`. */
export type AccessTokenVerification =
  { ok: true; claims: AccessTokenClaims; header: AccessTokenHeader } | Rejected;

/** What verification checks an access token against. */
export interface VerifyAccessTokenOptions extends VerifyTokenOptions {
  /** When given, `aud` must name it (or one of them). */
  audience?: string | string[];
}

// RFC 9068 §4: "at+jwt", with or without the "application/" prefix, in any case.
const accessTokenTypes = [ACCESS_TOKEN_TYP, `application/${ACCESS_TOKEN_TYP}`];

/**
 * Verifies an access token (RFC 9068 §4) against known keys. Each check is an early exit and
 * every failure, bad input included, is a reason: nothing throws.
 */
export async function verifyAccessToken(
  token: string,
  options: VerifyAccessTokenOptions,
): Promise<AccessTokenVerification> {
  const header = checkHeader(token, options, isAccessTokenTyp);
  if (!header.ok) {
    return header;
  }

  const verified = await verifySignedClaims(token, header, options, {
    audience: options.audience,
    requiredClaims: ['sub', 'exp', 'iat', 'jti', 'client_id'],
    allowExpired: false,
  });
  if (!verified.ok) {
    return verified;
  }

  const claims = readAccessTokenClaims(verified.payload);
  if (!claims) {
    return reject('invalid_claims');
  }

  const { alg, kid, typ } = header;
  return { ok: true, claims, header: { alg, kid, typ } };
}

// An ID token (typ JWT) or a token without typ is never an access token.
function isAccessTokenTyp(typ: unknown): typ is string {
  return typeof typ === 'string' && accessTokenTypes.includes(typ.toLowerCase());
}
