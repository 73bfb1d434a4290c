import { PRINCIPAL_TYPES } from '../../../shared/crypto/jwt-claims.js';
import { SIGNING_ALGS } from '../../../shared/crypto/signing-keys.js';
import { oauthErrorSchema } from '../../../shared/openapi/components.js';
import { object } from '../../../shared/openapi/schema.js';
import type { JsonSchema } from '../../../shared/openapi/types.js';
import { GRANT_TYPES } from '../token/request.js';
import { SUPPORTED_SCOPES } from '../token/scope.js';

const text: JsonSchema = { type: 'string' };
const seconds: JsonSchema = { type: 'integer', minimum: 0 };
const epoch: JsonSchema = { type: 'integer', description: 'Seconds since the epoch' };
const list = (values: readonly string[]): JsonSchema => ({
  type: 'array',
  items: { type: 'string', enum: [...values] },
});
const bearer: JsonSchema = { type: 'string', const: 'Bearer' };
const jwt: JsonSchema = { type: 'string', description: 'JWS compact, `typ: at+jwt` (RFC 9068)' };
const idToken: JsonSchema = { type: 'string', description: 'When `openid` is in scope' };
const refresh: JsonSchema = { type: 'string', description: 'Not for `client_credentials`' };

/** RFC 7662 §2.2 for a live access token. */
const activeAccessToken = object(
  {
    active: { type: 'boolean', const: true },
    token_type: bearer,
    scope: text,
    client_id: text,
    username: { type: 'string', description: 'People only' },
    sub: text,
    aud: { type: ['string', 'array'], items: text },
    iss: text,
    exp: epoch,
    iat: epoch,
    nbf: epoch,
    jti: text,
    sid: { type: 'string', description: 'People only: the session' },
    type: { type: 'string', enum: [...PRINCIPAL_TYPES] },
  },
  ['username', 'aud', 'nbf', 'sid'],
);

/** RFC 7662 §2.2 for a live refresh token, shown only to the client it was issued to. */
const activeRefreshToken = object({
  active: { type: 'boolean', const: true },
  token_type: { type: 'string', const: 'refresh_token' },
  scope: text,
  client_id: text,
  sub: text,
  sid: text,
  exp: epoch,
});

const jwk: JsonSchema = {
  type: 'object',
  description: 'RFC 7517 public key, with the members of its key type (EC, RSA or OKP)',
  properties: {
    kty: text,
    kid: text,
    alg: { type: 'string', enum: [...SIGNING_ALGS] },
    use: { type: 'string', const: 'sig' },
  },
  required: ['kty', 'kid', 'alg', 'use'],
};

const endpoint: JsonSchema = { type: 'string', format: 'uri' };
const authMethods = list(['client_secret_basic', 'client_secret_post']);

/** The response bodies of the auth function (besides the shared `Error` and `Readiness`). */
export const responseSchemas: Record<string, JsonSchema> = {
  OAuthError: oauthErrorSchema,
  TokenResponse: object(
    {
      access_token: jwt,
      id_token: idToken,
      token_type: bearer,
      expires_in: seconds,
      refresh_token: refresh,
      scope: text,
    },
    ['id_token', 'refresh_token'],
  ),
  CompatTokenResponse: object(
    {
      accessToken: jwt,
      idToken,
      tokenType: bearer,
      expiresIn: seconds,
      refreshToken: refresh,
      scope: text,
    },
    ['idToken', 'refreshToken'],
  ),
  Introspection: {
    oneOf: [
      activeAccessToken,
      activeRefreshToken,
      object({ active: { type: 'boolean', const: false } }),
    ],
  },
  UserInfo: object({
    sub: { type: 'string', format: 'uuid' },
    name: text,
    preferredUsername: text,
    email: text,
    emailVerified: { type: 'boolean' },
  }),
  Decision: object({
    authorized: { type: 'boolean' },
    timestamp: { type: 'string', format: 'date-time' },
  }),
  PermissionMap: {
    type: 'object',
    description: 'Actions granted per resource; `*` is a wildcard',
    additionalProperties: { type: 'array', items: text },
  },
  Jwks: object({ keys: { type: 'array', items: jwk } }),
  ServerMetadata: object({
    issuer: endpoint,
    token_endpoint: endpoint,
    jwks_uri: endpoint,
    introspection_endpoint: endpoint,
    revocation_endpoint: endpoint,
    userinfo_endpoint: endpoint,
    grant_types_supported: list(GRANT_TYPES),
    response_types_supported: { type: 'array', maxItems: 0 },
    scopes_supported: list(SUPPORTED_SCOPES),
    token_endpoint_auth_methods_supported: authMethods,
    introspection_endpoint_auth_methods_supported: authMethods,
    revocation_endpoint_auth_methods_supported: authMethods,
    subject_types_supported: list(['public']),
    id_token_signing_alg_values_supported: list(SIGNING_ALGS),
    claims_supported: { type: 'array', items: text },
  }),
};
