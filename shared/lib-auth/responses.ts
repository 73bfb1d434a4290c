import type { CheckOutcome } from './outcome.js';

/** Every outcome but `allow`: the ones a service answers itself. */
export type Refusal = Exclude<CheckOutcome, { outcome: 'allow' }>;

/** The compat error body (SPEC §5). */
export interface RefusalBody {
  code: string;
  title: string;
  message: string;
}

/** What a service answers for a refusal. */
export interface RefusalResponse {
  status: 401 | 403 | 503;
  headers: Record<string, string>;
  body: RefusalBody;
}

/**
 * The stable codes lib-auth answers with. They are auth's own (SPEC §5), so clients that know
 * auth's codes (the console) show the right message, as the Go lib-auth's passthrough did.
 */
export const LIB_AUTH_CODES = {
  tokenMissing: 'AUT-0006',
  invalidToken: 'AUT-0007',
  forbidden: 'AUT-0403',
  unavailable: 'AUT-0503',
} as const;

/** Maps a refusal to its response in one exhaustive switch; reasons stay in the log. */
export function refusalResponse(refusal: Refusal): RefusalResponse {
  switch (refusal.outcome) {
    case 'unauthenticated':
      return refusal.reason === 'token_missing'
        ? {
            status: 401,
            // RFC 6750 §3.1: no error code when the request carried no credentials at all.
            headers: { 'WWW-Authenticate': 'Bearer' },
            body: {
              code: LIB_AUTH_CODES.tokenMissing,
              title: 'Token Missing',
              message: 'The request carries no access token.',
            },
          }
        : {
            status: 401,
            headers: { 'WWW-Authenticate': 'Bearer error="invalid_token"' },
            body: {
              code: LIB_AUTH_CODES.invalidToken,
              title: 'Invalid Token',
              message: 'The access token is invalid, expired or revoked.',
            },
          };
    case 'deny':
      return {
        status: 403,
        headers: {},
        body: {
          code: LIB_AUTH_CODES.forbidden,
          title: 'Forbidden',
          message: 'The token does not grant this operation.',
        },
      };
    case 'unavailable':
      return {
        status: 503,
        headers: { 'Retry-After': '1' },
        body: {
          code: LIB_AUTH_CODES.unavailable,
          title: 'Service Unavailable',
          message: 'Authorization could not be decided; try again later.',
        },
      };
  }
}
