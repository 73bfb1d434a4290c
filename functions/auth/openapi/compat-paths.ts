import { cacheControl } from '../../../shared/openapi/operation.js';
import type { PathItem } from '../../../shared/openapi/types.js';
import { compatSchema } from '../token/request.js';
import {
  BASIC_OR_BODY,
  BEARER,
  compatOperation as operation,
  TOKEN_NO_STORE,
} from './operation.js';

const TOKEN_400 =
  'Invalid input: AUT-0001 (malformed JSON, a field too long, body over 64 KiB), AUT-0003 ' +
  '(unknown field), AUT-0013 (unknown grant type), AUT-0014 (a field the grant needs is missing)';
const CLIENT_401 = 'AUT-1004 client authentication failed (with `WWW-Authenticate: Basic`)';
const REFRESH_401 =
  'AUT-1005 refresh token unknown, rotated, of another client or of a revoked session';
const UNAVAILABLE = 'Postgres or the cache unreachable (AUT-0503)';

/** What `/v1/login/oauth/access_token` can answer, in `AUT-` codes. */
const TOKEN_NOTES: Record<number, string> = {
  400: TOKEN_400,
  401: `AUT-1002 wrong user name or password; ${CLIENT_401}; ${REFRESH_401}`,
  403: 'AUT-1001: the password grant is for first-party applications only',
  429: 'AUT-1006 account locked for this client IP; AUT-0429 too many requests',
  503: UNAVAILABLE,
};

/** What `/v1/login/oauth/refresh_token` can answer. */
const REFRESH_NOTES: Record<number, string> = {
  400: TOKEN_400,
  401: `${CLIENT_401}; ${REFRESH_401}`,
  429: 'Too many requests (AUT-0429)',
  503: UNAVAILABLE,
};

const TOKEN_DESCRIPTION =
  'The client authenticates with HTTP Basic or `clientId` + `clientSecret` in the body, never ' +
  'both. Every answer, errors included, carries `Cache-Control: no-store` and `Pragma: no-cache`.';

/** The compat routes existing clients call: camelCase JSON, errors `{code, title, message}`. */
export const compatPaths: Record<string, PathItem> = {
  '/v1/login/oauth/access_token': {
    post: operation({
      id: 'compatToken',
      summary: 'Issue tokens (grantType password, client_credentials or refresh_token)',
      tag: 'compat',
      description: TOKEN_DESCRIPTION,
      security: BASIC_OR_BODY,
      body: compatSchema,
      ok: { status: 200, schema: 'CompatTokenResponse', headers: TOKEN_NO_STORE },
      notes: TOKEN_NOTES,
    }),
  },
  '/v1/login/oauth/refresh_token': {
    post: operation({
      id: 'compatRefresh',
      summary:
        'Refresh: rotate a refresh token (grantType defaults to, and must be, refresh_token)',
      tag: 'compat',
      description:
        `${TOKEN_DESCRIPTION} Client credentials may be left out: the refresh token's own ` +
        'binding then names the client.',
      security: BASIC_OR_BODY,
      body: compatSchema,
      ok: { status: 200, schema: 'CompatTokenResponse', headers: TOKEN_NO_STORE },
      notes: REFRESH_NOTES,
    }),
  },
  '/v1/logout': {
    post: operation({
      id: 'logout',
      summary: 'Revoke the session an ID token or refresh token names',
      tag: 'compat',
      description:
        'Form-encoded. 204 also when the hint names nothing live, so the route reveals nothing.',
      form: 'LogoutRequest',
      ok: { status: 204 },
      errors: [413, 503],
    }),
  },
  '/v1/userinfo': {
    get: operation({
      id: 'userinfo',
      summary: 'The signed-in person behind a Bearer access token',
      tag: 'compat',
      description: "An application's token is refused (AUT-0007): it speaks for no person.",
      security: BEARER,
      ok: { status: 200, schema: 'UserInfo', headers: cacheControl('no-store') },
      errors: [503],
    }),
  },
};
