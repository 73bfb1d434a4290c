import type { MiddlewareHandler } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { Check } from './check.js';
import { refusalResponse } from './responses.js';

/** The permission one route needs. */
export interface AuthorizeOptions {
  /** e.g. `midaz`. */
  product: string;
  /** e.g. `accounts`. */
  resource: string;
  /** A lowercase HTTP verb; defaults to the request's method (`get` for GET, ...). */
  action?: string;
}

/**
 * Hono middleware: lets the request through when `check` allows it, and otherwise answers
 * 401, 403 or 503 with a compat `{code, title, message}` body.
 */
export function authorizeMiddleware(check: Check, options: AuthorizeOptions): MiddlewareHandler {
  return createMiddleware(async (c, next) => {
    const outcome = await check({
      authorization: c.req.header('Authorization'),
      product: options.product,
      resource: options.resource,
      action: options.action ?? c.req.method,
    });
    if (outcome.outcome === 'allow') {
      await next();
      return;
    }

    const refusal = refusalResponse(outcome);
    return c.json(refusal.body, refusal.status, refusal.headers);
  });
}
