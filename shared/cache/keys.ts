/**
 * Every cache key, its TTL and its value, in one place (docs/cache.md explains the bounds).
 * The cache only speeds things up: each value can be rebuilt from Postgres, and none of them
 * can make an answer less strict than Postgres would.
 */

/** `client:<clientId>` → JSON `CachedClient` (the application and its secret digests). */
export const clientKey = (clientId: string) => `client:${clientId}`;
/** How long a cached client record lives if nothing deletes it first. */
export const CLIENT_TTL_SECONDS = 60;

/** `rl:<scope>:<window>:<subject>` → request count in that fixed window. */
export const rateLimitKey = (scope: string, window: number, subject: string) =>
  `rl:${scope}:${window}:${subject}`;

/** `audit:queue` → list of JSON audit events waiting to be written to Postgres in batches. */
export const AUDIT_QUEUE_KEY = 'audit:queue';

/**
 * `authz:epoch` → counter bumped by every successful identity change (roles, groups,
 * memberships, users, applications). A cached decision context is used only while the epoch it
 * was built under is still current.
 */
export const AUTHZ_EPOCH_KEY = 'authz:epoch';

/**
 * `authz:user:<id>` / `authz:application:<id>` → counter bumped when the principal's sessions
 * or tokens are revoked.
 */
export const principalVersionKey = (kind: 'user' | 'application', id: string) =>
  `authz:${kind}:${id}`;
