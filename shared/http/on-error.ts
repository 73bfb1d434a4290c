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
  if (isRejectedValue(error)) {
    // SQLSTATE class 22 (data exception): a value Postgres cannot take (a NUL byte, a year 0).
    return new AppError('invalid_request', { reason: 'value_rejected_by_database', cause: error });
  }
  if (isStorageUnreachable(error)) {
    return new AppError('unavailable', { reason: 'storage_unreachable', cause: error });
  }
  return new AppError('internal', { reason: 'unhandled', cause: error });
}

/**
 * Postgres or the cache could not be reached (as opposed to a query that failed): a 503 the
 * caller may retry, never a 500 and never a guessed answer. A failed query's cause carries a
 * SQLSTATE `code`; a dropped or refused connection does not (the Neon driver rejects with the
 * WebSocket's ErrorEvent, which is not even an `Error`).
 */
function isStorageUnreachable(error: Error): boolean {
  if (isQueryError(error) && !hasSqlState(error.cause)) {
    return true;
  }
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (typeof current === 'object' && current !== null && !seen.has(current)) {
    seen.add(current);
    const { message, name, cause } = current as {
      message?: unknown;
      name?: unknown;
      cause?: unknown;
    };
    if (UNREACHABLE.test(String(message ?? '')) || UNREACHABLE.test(String(name ?? ''))) {
      return true;
    }
    current = cause;
  }
  return false;
}

/** Input that reached Postgres and was refused as data, not a fault of the server. */
function isRejectedValue(error: Error): boolean {
  const sqlState = (value: unknown) => (value as { code?: unknown } | undefined)?.code;
  const code = isQueryError(error) ? sqlState(error.cause) : sqlState(error);
  return typeof code === 'string' && /^22[0-9A-Z]{3}$/.test(code);
}

/** drizzle wraps a failed query in an error carrying the `query` it ran (DrizzleQueryError). */
function isQueryError(error: Error): boolean {
  return typeof (error as { query?: unknown }).query === 'string';
}

function hasSqlState(cause: unknown): boolean {
  const code = (cause as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code);
}

const UNREACHABLE = new RegExp(
  [
    'network connection lost',
    'connection terminated',
    'ECONNREFUSED',
    'connect\\(\\)',
    'websocket',
    'socket hang up',
    'fetch failed',
    'Connection refused',
  ].join('|'),
  'i',
);
