import { Hono } from 'hono';
import type { AppEnv } from '../http/context.js';
import { OPENAPI_CACHE_CONTROL } from './common-paths.js';
import type { OpenApiDocument } from './types.js';

/** `GET /openapi.json` serving `document`; public, like the health routes. */
export function openApiRoute(document: () => OpenApiDocument): Hono<AppEnv> {
  const route = new Hono<AppEnv>();
  route.get('/openapi.json', (c) =>
    c.json(document(), 200, { 'Cache-Control': OPENAPI_CACHE_CONTROL }),
  );
  return route;
}
