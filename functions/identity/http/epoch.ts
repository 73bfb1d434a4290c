import { createMiddleware } from 'hono/factory';
import { bumpEpoch } from '../../../shared/authz/versions.js';
import type { AppEnv } from '../../../shared/http/context.js';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * After any successful change (users, groups, roles, memberships, applications, passwords,
 * blocking), bumps the authorization epoch before answering, so every cached decision context
 * is rebuilt from Postgres on its next use (docs/cache.md). Coarse on purpose: changes are rare,
 * decisions are many, and a missed invalidation would be a stale allow.
 */
export const bumpEpochOnChange = createMiddleware<AppEnv>(async (c, next) => {
  await next();
  if (READS.has(c.req.method) || c.res.status >= 400) {
    return;
  }
  try {
    await bumpEpoch(c.var.services);
  } catch (error) {
    // The change is committed; cached contexts then expire within CONTEXT_MAX_AGE_MS.
    c.var.services.log.error('authz_epoch_bump_failed', { path: c.req.path, error });
  }
});
