import { cacheControl, type RouteDoc } from './operation.js';
import { ref } from './schema.js';
import type { Operation, PathItem } from './types.js';

/** How long clients may cache `/openapi.json` (`routes/openapi.ts` sends the same). */
export const OPENAPI_CACHE_CONTROL = 'public, max-age=300';

/** `/health`, `/readyz` and `/openapi.json`, which both functions answer alike. */
export function commonPaths(operation: (doc: RouteDoc) => Operation): Record<string, PathItem> {
  const ready = operation({
    id: 'ready',
    summary: 'Readiness: a query to Postgres and a round trip to the cache',
    tag: 'health',
    ok: { status: 200, schema: 'Readiness', headers: cacheControl('no-store') },
  });
  // The 503 is the readiness body naming what failed, not the document's error body.
  ready.responses['503'] = {
    description: 'Postgres or the cache did not answer; `failed` names which',
    headers: cacheControl('no-store'),
    content: { 'application/json': { schema: ref('Readiness') } },
  };

  return {
    '/health': {
      get: operation({
        id: 'health',
        summary: 'Liveness, answered before configuration is read',
        tag: 'health',
        ok: { status: 200, mediaType: 'text/plain', schema: { type: 'string', const: 'healthy' } },
      }),
    },
    '/readyz': { get: ready },
    '/openapi.json': {
      get: operation({
        id: 'openapi',
        summary: 'This document',
        tag: 'meta',
        ok: {
          status: 200,
          schema: { type: 'object', description: 'An OpenAPI 3.1 document' },
          headers: cacheControl(OPENAPI_CACHE_CONTROL),
        },
      }),
    },
  };
}
