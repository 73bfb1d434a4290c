import type { IssuedTokens } from './mint.js';

/** Compat body (SPEC §3.1): camelCase. */
export function compatTokenBody(issued: IssuedTokens): Record<string, string | number> {
  return {
    accessToken: issued.accessToken,
    ...(issued.idToken ? { idToken: issued.idToken } : {}),
    tokenType: 'Bearer',
    expiresIn: issued.expiresIn,
    ...(issued.refreshToken ? { refreshToken: issued.refreshToken } : {}),
    scope: issued.scope,
  };
}

/** RFC 6749 §5.1 body: snake_case. */
export function rfcTokenBody(issued: IssuedTokens): Record<string, string | number> {
  return {
    access_token: issued.accessToken,
    ...(issued.idToken ? { id_token: issued.idToken } : {}),
    token_type: 'Bearer',
    expires_in: issued.expiresIn,
    ...(issued.refreshToken ? { refresh_token: issued.refreshToken } : {}),
    scope: issued.scope,
  };
}
