import { createMiddleware } from 'hono/factory';
import type { AppEnv } from './context.js';

/** One structured line per request: method, path (never the query), status and duration. */
export const accessLog = createMiddleware<AppEnv>(async (c, next) => {
  const started = Date.now();
  await next();
  c.var.services.log.info('request', {
    method: c.req.method,
    path: c.req.path,
    status: c.res.status,
    ms: Date.now() - started,
  });
});
