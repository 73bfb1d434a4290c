import { Hono } from 'hono';
import { keyRingSource } from '../../../shared/auth/authenticate.js';
import { getKeyRing } from '../../../shared/auth/key-ring.js';
import type { AppEnv } from '../../../shared/http/context.js';
import { GRANT_TYPES } from '../token/request.js';
import { SUPPORTED_SCOPES } from '../token/scope.js';

export const discovery = new Hono<AppEnv>();

/** How long verifiers may cache the JWKS; a next key is published far longer before it signs. */
const JWKS_MAX_AGE_SECONDS = 300;

/** RFC 7517 §5: the public keys, next and retired ones included (SPEC §3.2). */
discovery.get('/.well-known/jwks.json', async (c) => {
  const ring = await getKeyRing(keyRingSource(c.var.services));
  return c.json({ keys: ring.published }, 200, {
    'Cache-Control': `public, max-age=${JWKS_MAX_AGE_SECONDS}`,
  });
});

/**
 * RFC 8414 and OpenID Connect Discovery 1.0: exactly what this server implements. There is no
 * authorization endpoint (no browser flows), hence no response types.
 */
function metadata(issuer: string, alg: string) {
  const authMethods = ['client_secret_basic', 'client_secret_post'];
  return {
    issuer,
    token_endpoint: `${issuer}/oauth/token`,
    jwks_uri: `${issuer}/.well-known/jwks.json`,
    introspection_endpoint: `${issuer}/oauth/introspect`,
    revocation_endpoint: `${issuer}/oauth/revoke`,
    userinfo_endpoint: `${issuer}/v1/userinfo`,
    grant_types_supported: [...GRANT_TYPES],
    response_types_supported: [],
    scopes_supported: [...SUPPORTED_SCOPES],
    token_endpoint_auth_methods_supported: authMethods,
    introspection_endpoint_auth_methods_supported: authMethods,
    revocation_endpoint_auth_methods_supported: authMethods,
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: [alg],
    claims_supported: [
      'sub',
      'iss',
      'aud',
      'exp',
      'iat',
      'sid',
      'name',
      'preferred_username',
      'email',
      'email_verified',
    ],
  };
}

discovery.get('/.well-known/openid-configuration', (c) => {
  const { issuer, signingAlg } = c.var.services.config;
  return c.json(metadata(issuer, signingAlg), 200, { 'Cache-Control': 'public, max-age=3600' });
});

discovery.get('/.well-known/oauth-authorization-server', (c) => {
  const { issuer, signingAlg } = c.var.services.config;
  return c.json(metadata(issuer, signingAlg), 200, { 'Cache-Control': 'public, max-age=3600' });
});
