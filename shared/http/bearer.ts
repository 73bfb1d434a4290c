import { createMiddleware } from 'hono/factory';
import { authenticateAccessToken } from '../auth/authenticate.js';
import type { Principal } from '../auth/principal.js';
import { AppError } from '../errors.js';
import type { AppEnv } from './context.js';

/** Longest Authorization header we read; real tokens are well under 2 KB. */
const MAX_AUTHORIZATION_LENGTH = 8192;

/**
 * The token in an Authorization header: `Bearer <token>` (RFC 6750 §2.1), or with `allowRaw`
 * the bare token the Go lib-auth sends (COMPAT.md). Undefined when there is none.
 */
export function extractToken(header: string | undefined, allowRaw = false): string | undefined {
  const value = header?.trim();
  if (!value) {
    return undefined;
  }
  const match = /^bearer\s+(.*)$/is.exec(value);
  if (match) {
    const token = match[1]?.trim();
    return token ? token : undefined;
  }
  if (/^bearer$/i.test(value)) {
    return undefined;
  }
  return allowRaw ? value : undefined;
}

export type PrincipalEnv = AppEnv & { Variables: { principal: Principal } };

/**
 * Requires a valid access token: missing → 401 token_missing, anything wrong with it → 401
 * invalid_token (the precise reason goes to the log). Sets `c.var.principal`.
 */
export function requirePrincipal(options: { allowRaw?: boolean } = {}) {
  return createMiddleware<PrincipalEnv>(async (c, next) => {
    const header = c.req.header('Authorization');
    if (header && header.length > MAX_AUTHORIZATION_LENGTH) {
      throw new AppError('invalid_token', { reason: 'authorization_too_long' });
    }
    const token = extractToken(header, options.allowRaw);
    if (!token) {
      throw new AppError(header ? 'invalid_token' : 'token_missing', { reason: 'no_bearer' });
    }

    const result = await authenticateAccessToken(c.var.services, token, new Date());
    if (!result.ok) {
      throw new AppError('invalid_token', { reason: result.reason });
    }
    c.set('principal', result.principal);
    await next();
  });
}
