import { Hono } from 'hono';
import type { AppEnv } from '../../../shared/http/context.js';
import { openApiDocument } from '../openapi/document.js';

/** `GET /openapi.json`: the identity API description; public, like the health routes. */
export const openapi = new Hono<AppEnv>();

openapi.get('/openapi.json', (c) =>
  c.json(openApiDocument(), 200, { 'Cache-Control': 'public, max-age=300' }),
);
