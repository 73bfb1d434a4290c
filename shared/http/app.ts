import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import { AppError, type Service } from '../errors.js';
import type { AppEnv } from './context.js';
import { onError } from './on-error.js';
import { health } from './health.js';
import { services } from './services.js';
import { accessLog } from './access-log.js';

/** Bodies above this are refused before any handler reads them (SPEC §2.5). */
export const MAX_BODY_BYTES = 64 * 1024;

/** Request ids we accept from callers; anything else is replaced by a fresh one. */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Builds a function's Hono app with what every route shares: request id, health routes,
 * body limit, per-request services, one error renderer and one not-found answer.
 */
export function createApp(
  service: Service,
  options: { oversizedIsInvalidRequest?: (path: string) => boolean } = {},
): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.use('*', async (c, next) => {
    c.set('service', service);
    await next();
  });
  app.use(
    '*',
    requestId({
      generator: (c) => {
        const given = c.req.header('X-Request-Id');
        return given && REQUEST_ID.test(given) ? given : crypto.randomUUID();
      },
    }),
  );
  app.use('*', secureHeaders({ crossOriginResourcePolicy: false }));

  // Health answers before configuration is read, so a broken config still shows a live process.
  app.route('/', health);

  app.use('*', services);
  app.use('*', accessLog);
  app.use(
    '*',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) => {
        // RFC 6749 §5.2 token-endpoint errors are 400s: there an oversized body is a bad request.
        const kind = options.oversizedIsInvalidRequest?.(c.req.path)
          ? 'invalid_request'
          : 'payload_too_large';
        throw new AppError(kind, { reason: 'body_limit' });
      },
    }),
  );

  app.notFound(() => {
    throw new AppError('not_found', { reason: 'no_route' });
  });
  app.onError(onError);
  return app;
}
