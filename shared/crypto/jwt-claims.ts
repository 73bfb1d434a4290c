/** Kind of principal a token speaks for (compat claim `type`). */
export type PrincipalType = 'normal-user' | 'application';

/** Values of the compat claim `type`. */
export const PRINCIPAL_TYPES: readonly PrincipalType[] = ['normal-user', 'application'];

/** `typ` header of access tokens (RFC 9068 §2.1). */
export const ACCESS_TOKEN_TYP = 'at+jwt';

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

const optionalTextClaims = ['azp', 'scope', 'sid', 'owner', 'name', 'displayName'] as const;

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

  for (const key of optionalTextClaims) {
    const value = payload[key];
    if (value === undefined) {
      continue;
    }
    if (typeof value !== 'string') {
      return undefined;
    }
    claims[key] = value;
  }
  return claims;
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
