import type { PathItem } from '../../../shared/openapi/types.js';
import { BASIC_OR_BODY, oauthOperation as operation, TOKEN_NO_STORE } from './operation.js';

const CLIENT_AUTH =
  'The client authenticates with HTTP Basic (`client_secret_basic`) or with `client_id` and ' +
  '`client_secret` in the body (`client_secret_post`), never both.';

/** The RFC routes: form-encoded, errors `{error, error_description}` (RFC 6749 §5.2). */
export const oauthPaths: Record<string, PathItem> = {
  '/oauth/token': {
    post: operation({
      id: 'token',
      summary: 'Issue tokens: password, client_credentials or refresh_token grant (RFC 6749)',
      tag: 'oauth',
      description:
        `${CLIENT_AUTH} Every answer, errors included, carries \`Cache-Control: no-store\` and ` +
        '`Pragma: no-cache` (§5.1). Rate limit: 10 requests a minute per client IP and user ' +
        'name (or client id); 5 failed passwords for one account from one client IP lock it ' +
        'for that IP for 15 minutes.',
      security: BASIC_OR_BODY,
      form: 'TokenRequest',
      ok: { status: 200, schema: 'TokenResponse', headers: TOKEN_NO_STORE },
      notes: {
        400:
          '`invalid_request` (not form-encoded; a parameter missing, repeated or too long; body ' +
          'over 64 KiB), `invalid_grant` (wrong user name or password; a refresh token unknown, ' +
          'rotated, of another client or of a revoked session), `invalid_scope`, ' +
          '`unsupported_grant_type`, `unauthorized_client` (password grant, not first-party)',
        429:
          '`invalid_grant` (account locked for this client IP) or `temporarily_unavailable` ' +
          '(rate limit)',
      },
    }),
  },
  '/oauth/introspect': {
    post: operation({
      id: 'introspect',
      summary: 'Whether a token is active, and its claims (RFC 7662)',
      tag: 'oauth',
      description:
        `${CLIENT_AUTH} Any client may introspect access tokens; a refresh token is active ` +
        'only to the client it was issued to. Inactive, for whatever reason, is exactly ' +
        '`{"active":false}`.',
      security: BASIC_OR_BODY,
      form: 'IntrospectionRequest',
      ok: { status: 200, schema: 'Introspection', headers: TOKEN_NO_STORE },
      errors: [413],
    }),
  },
  '/oauth/revoke': {
    post: operation({
      id: 'revoke',
      summary: "Revoke one of the calling client's tokens (RFC 7009)",
      tag: 'oauth',
      description:
        `${CLIENT_AUTH} A refresh token or a person's access token revokes its session; an ` +
        "application's access token is refused until it expires. Unknown tokens and tokens " +
        'of other clients get the same 200 and change nothing (§2.2).',
      security: BASIC_OR_BODY,
      form: 'RevocationRequest',
      ok: {
        status: 200,
        description: 'Revoked, or nothing to revoke (empty body)',
        headers: TOKEN_NO_STORE,
      },
      errors: [413],
      notes: {
        503: '`temporarily_unavailable`: Postgres or the cache unreachable; never a false 200',
      },
    }),
  },
};
