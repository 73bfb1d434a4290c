import type { JsonSchema } from '../../../shared/openapi/types.js';
import { MAX_PARAMETER } from '../token/form.js';

/** A form parameter (`application/x-www-form-urlencoded`); an empty value counts as absent. */
function param(description: string): JsonSchema {
  return { type: 'string', minLength: 1, maxLength: MAX_PARAMETER, description };
}

/** A form body: unknown parameters are ignored, a repeated one is `invalid_request` (§3.2). */
function form(properties: Record<string, JsonSchema>, required: string[]): JsonSchema {
  return { type: 'object', properties, required };
}

/** RFC 6749 §2.3.1: body credentials, the alternative to HTTP Basic (never both). */
const clientCredentials: Record<string, JsonSchema> = {
  client_id: param('`client_secret_post`; next to HTTP Basic it must name the same client'),
  client_secret: param('`client_secret_post`; never together with HTTP Basic'),
};

const scope = param('Space-separated; may narrow what the grant allows, never widen it (§3.3)');

function grant(type: string, fields: Record<string, JsonSchema>, description: string): JsonSchema {
  return {
    ...form({ grant_type: { type: 'string', const: type }, ...fields, ...clientCredentials }, [
      'grant_type',
      ...Object.keys(fields).filter((name) => name !== 'scope'),
    ]),
    description,
  };
}

const hint = param('Ignored: both kinds of token are always tried');

/** The form bodies of the RFC routes and of `/v1/logout`. */
export const formSchemas: Record<string, JsonSchema> = {
  TokenRequest: {
    oneOf: [
      grant(
        'password',
        { username: param('The user name'), password: param('At most 256 characters'), scope },
        'RFC 6749 §4.3.2; first-party clients only (RFC 9700 §2.4 deprecates this grant)',
      ),
      grant(
        'client_credentials',
        {},
        'RFC 6749 §4.4.2; no scope (authorization is RBAC), no refresh token',
      ),
      grant(
        'refresh_token',
        { refresh_token: param('The current token of the family'), scope },
        'RFC 6749 §6; rotates the token; reuse of a rotated one revokes the family',
      ),
    ],
  },
  IntrospectionRequest: form(
    {
      token: param('RFC 7662 §2.1; absent: the answer is `{"active":false}`'),
      token_type_hint: hint,
      ...clientCredentials,
    },
    [],
  ),
  RevocationRequest: form(
    {
      token: param('RFC 7009 §2.1: an access or a refresh token of the calling client'),
      token_type_hint: hint,
      ...clientCredentials,
    },
    ['token'],
  ),
  LogoutRequest: form(
    {
      id_token_hint: param(
        'An ID token (even expired, OpenID RP-Initiated Logout §2) or a refresh token',
      ),
    },
    ['id_token_hint'],
  ),
};
