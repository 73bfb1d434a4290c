import { commonPaths } from '../../../shared/openapi/common-paths.js';
import { cacheControl } from '../../../shared/openapi/operation.js';
import type { PathItem } from '../../../shared/openapi/types.js';
import { compatPaths } from './compat-paths.js';
import { decisionPaths } from './decision-paths.js';
import { oauthPaths } from './oauth-paths.js';
import { compatOperation as operation } from './operation.js';

/** Discovery documents may be cached for an hour (`routes/discovery.ts`). */
const METADATA_CACHE = cacheControl('public, max-age=3600');

function metadata(id: string, summary: string) {
  return operation({
    id,
    summary,
    tag: 'discovery',
    description:
      'Lists exactly what is implemented: token, introspection, revocation, userinfo and JWKS ' +
      'endpoints; no authorization endpoint (no browser flows), so no response types.',
    ok: { status: 200, schema: 'ServerMetadata', headers: METADATA_CACHE },
  });
}

/** Every auth route, by OpenAPI path; a test compares this with the Hono app's routes. */
export const paths: Record<string, PathItem> = {
  ...commonPaths(operation),
  ...oauthPaths,
  ...compatPaths,
  ...decisionPaths,
  '/.well-known/jwks.json': {
    get: operation({
      id: 'jwks',
      summary: 'Public signing keys: current, next and retired ones (RFC 7517 §5)',
      tag: 'discovery',
      ok: { status: 200, schema: 'Jwks', headers: cacheControl('public, max-age=300') },
      errors: [503],
    }),
  },
  '/.well-known/openid-configuration': {
    get: metadata('openidConfiguration', 'OpenID Connect Discovery 1.0 metadata'),
  },
  '/.well-known/oauth-authorization-server': {
    get: metadata('authorizationServerMetadata', 'RFC 8414 authorization server metadata'),
  },
};
