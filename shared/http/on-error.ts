import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { ConfigError } from '../config.js';
import { AppError, renderError } from '../errors.js';
import { createLogger } from '../log.js';
import type { AppEnv } from './context.js';

/**
 * The one error renderer: compat `{code, title, message}` on `/v1/*` and the rest, RFC 6749 §5.2
 * `{error, error_description}` on `/oauth/*`. Anything that is not an `AppError` becomes a
 * logged 500 carrying the request id.
 */
export function onError(error: Error, c: Context<AppEnv>): Response {
  const appError = toAppError(error);
  const log =
    c.get('services')?.log ??
    createLogger({ service: c.get('service'), requestId: c.get('requestId') });
  const fields = { path: c.req.path, method: c.req.method, reason: appError.reason };

  if (appError.kind === 'internal' || appError.kind === 'unavailable') {
    log.error('request_failed', { ...fields, error: error.cause ?? error });
  } else {
    log.info('request_refused', { ...fields, kind: appError.kind });
  }

  const oauth = c.req.path.startsWith('/oauth/');
  const rendered = renderError(appError, c.get('service') ?? 'auth', oauth);
  const headers = new Headers(rendered.headers);
  if (rendered.status >= 500) {
    headers.set('Cache-Control', 'no-store');
  }
  return c.json(rendered.body, rendered.status, Object.fromEntries(headers));
}

function toAppError(error: Error): AppError {
  if (error instanceof AppError) {
    return error;
  }
  if (error instanceof ConfigError) {
    return new AppError('internal', { reason: 'config_invalid', cause: error });
  }
  if (error instanceof HTTPException && error.status === 413) {
    return new AppError('payload_too_large', { reason: 'http_exception' });
  }
  if (error instanceof HTTPException && error.status < 500) {
    return new AppError('invalid_request', { reason: `http_${error.status}`, cause: error });
  }
  return new AppError('internal', { reason: 'unhandled', cause: error });
}
