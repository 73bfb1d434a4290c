/** Kind of principal a token speaks for (compat claim `type`). */
export type PrincipalType = 'normal-user' | 'application';

/** Values of the compat claim `type`. */
export const PRINCIPAL_TYPES: readonly PrincipalType[] = ['normal-user', 'application'];

/** `typ` header of access tokens (RFC 9068 §2.1). */
export const ACCESS_TOKEN_TYP = 'at+jwt';

/** `typ` header of ID tokens, as `signIdToken` writes it (RFC 7519 §5.1). */
export const ID_TOKEN_TYP = 'JWT';

/** Claims of an access token on the wire (RFC 9068 §2.2 plus the compat claims, SPEC §3.2). */
export type AccessTokenClaims = {
  iss: string;
  sub: string;
  aud?: string | string[];
  exp: number;
  iat: number;
  nbf?: number;
  jti: string;
  client_id: string;
  azp?: string;
  scope?: string;
  sid?: string;
  type: PrincipalType;
  owner?: string;
  name?: string;
  displayName?: string;
};

/** Claims of an ID token on the wire (OpenID Connect Core §2). */
export type IdTokenClaims = {
  iss: string;
  sub: string;
  aud: string;
  exp: number;
  iat: number;
  auth_time?: number;
  sid?: string;
  nonce?: string;
  name?: string;
  preferred_username?: string;
  email?: string;
  email_verified?: boolean;
};

const optionalAccessTextClaims = ['azp', 'scope', 'sid', 'owner', 'name', 'displayName'] as const;

const optionalIdTextClaims = ['sid', 'nonce', 'name', 'preferred_username', 'email'] as const;

/** Whether a string is a `PrincipalType`. */
export function isPrincipalType(value: unknown): value is PrincipalType {
  return PRINCIPAL_TYPES.some((type) => type === value);
}

/** Reads verified access-token claims; `undefined` when a required claim is missing or mistyped. */
export function readAccessTokenClaims(
  payload: Record<string, unknown>,
): AccessTokenClaims | undefined {
  const { iss, sub, exp, iat, jti, client_id: clientId, type } = payload;
  if (!isText(iss) || !isText(sub) || !isText(jti) || !isText(clientId)) {
    return undefined;
  }
  if (!isNumericDate(exp) || !isNumericDate(iat) || !isPrincipalType(type)) {
    return undefined;
  }
  const claims: AccessTokenClaims = { iss, sub, exp, iat, jti, client_id: clientId, type };

  const { aud, nbf } = payload;
  if (aud !== undefined) {
    if (!isText(aud) && !isTextArray(aud)) {
      return undefined;
    }
    claims.aud = aud;
  }
  if (nbf !== undefined) {
    if (!isNumericDate(nbf)) {
      return undefined;
    }
    claims.nbf = nbf;
  }

  const texts = readOptionalText(payload, optionalAccessTextClaims);
  return texts && { ...claims, ...texts };
}

/** Reads verified ID-token claims; `undefined` when a required claim is missing or mistyped. */
export function readIdTokenClaims(payload: Record<string, unknown>): IdTokenClaims | undefined {
  // OpenID Connect Core §2 allows an array `aud`; `signIdToken` writes only the one client.
  const { iss, sub, aud, exp, iat } = payload;
  if (!isText(iss) || !isText(sub) || !isText(aud)) {
    return undefined;
  }
  if (!isNumericDate(exp) || !isNumericDate(iat)) {
    return undefined;
  }
  const claims: IdTokenClaims = { iss, sub, aud, exp, iat };

  const { auth_time: authTime, email_verified: emailVerified } = payload;
  if (authTime !== undefined) {
    if (!isNumericDate(authTime)) {
      return undefined;
    }
    claims.auth_time = authTime;
  }
  if (emailVerified !== undefined) {
    if (typeof emailVerified !== 'boolean') {
      return undefined;
    }
    claims.email_verified = emailVerified;
  }

  const texts = readOptionalText(payload, optionalIdTextClaims);
  return texts && { ...claims, ...texts };
}

/** The string claims among `names` that are present; `undefined` when one is not a string. */
function readOptionalText<Name extends string>(
  payload: Record<string, unknown>,
  names: readonly Name[],
): Partial<Record<Name, string>> | undefined {
  const texts: Partial<Record<Name, string>> = {};
  for (const name of names) {
    const value = payload[name];
    if (value === undefined) {
      continue;
    }
    if (typeof value !== 'string') {
      return undefined;
    }
    texts[name] = value;
  }
  return texts;
}

function isText(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}

function isTextArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every(isText);
}

function isNumericDate(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}
