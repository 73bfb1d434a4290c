import { cacheControl, expander, type RouteDoc } from '../../../shared/openapi/operation.js';
import type { Header, SecurityRequirement } from '../../../shared/openapi/types.js';

/** RFC 6749 §2.3.1: HTTP Basic, or the credentials in the body (`{}`: no header). */
export const BASIC_OR_BODY: SecurityRequirement[] = [{ basic: [] }, {}];

/** RFC 6750 §2.1: a Bearer access token. */
export const BEARER: SecurityRequirement[] = [{ bearer: [] }];

/** RFC 6749 §5.1: token answers, errors included, must not be cached. */
export const TOKEN_NO_STORE: Record<string, Header> = {
  ...cacheControl('no-store'),
  Pragma: { description: 'Always `no-cache`', schema: { type: 'string', const: 'no-cache' } },
};

/** Expands a declaration of an RFC route (`/oauth/*`): errors are RFC 6749 §5.2. */
export const oauthOperation = expander({
  schema: 'OAuthError',
  descriptions: {
    400: '`invalid_request`: not form-encoded, or a parameter missing, repeated or too long',
    401: '`invalid_client`: client authentication failed; carries `WWW-Authenticate: Basic`',
    413: '`invalid_request`: body over 64 KiB',
    503: '`temporarily_unavailable`: Postgres or the cache unreachable',
  },
  // Every RFC route reads a form and authenticates the client against storage.
  implied: (doc) => (doc.form ? [400, 401, 503] : []),
});

/** Expands a declaration of any other route: errors are compat `{code, title, message}`. */
export const compatOperation = expander({
  schema: 'Error',
  descriptions: {
    400: 'Invalid input (AUT-0001)',
    401: 'No token (AUT-0006) or an invalid one (AUT-0007)',
    403: 'Forbidden (AUT-0403)',
    404: 'Not found (AUT-1015 subject)',
    413: 'Body over 64 KiB (AUT-0413)',
    429: 'Account locked for this client IP (AUT-1006) or too many requests (AUT-0429)',
    503: 'Postgres or the cache unreachable (AUT-0503)',
  },
  implied: (doc: RouteDoc) => {
    const statuses = doc.body || doc.form ? [400] : [];
    if (doc.security?.some((requirement) => 'bearer' in requirement)) {
      statuses.push(401);
    }
    return statuses;
  },
});
