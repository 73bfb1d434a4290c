import type { Redis } from '@upstash/redis/cloudflare';
import type { Logger } from '../log.js';
import { rateLimitKey } from './keys.js';

/** The outcome of one counted request. */
export type RateLimitResult = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * A fixed-window counter in the cache: `rl:<scope>:<window>:<subject>` → count, expiring
 * with its window. When the cache is down the request is allowed (SPEC §3.1: sign-in keeps
 * working; the lockout counters in Postgres still apply) and a warning is logged.
 */
export async function hitRateLimit(
  cache: Redis,
  log: Logger,
  input: { scope: string; subject: string; limit: number; windowSeconds: number; now: Date },
): Promise<RateLimitResult> {
  const nowSeconds = Math.floor(input.now.getTime() / 1000);
  const window = Math.floor(nowSeconds / input.windowSeconds);
  const key = rateLimitKey(input.scope, window, input.subject.slice(0, MAX_SUBJECT));

  let count: number;
  try {
    // Issued together, these two ride in one auto-pipelined request, in order: the key always
    // has its expiry before it is counted.
    const [, hits] = await Promise.all([
      cache.set(key, 0, { nx: true, ex: input.windowSeconds + 1 }),
      cache.incr(key),
    ]);
    count = hits;
  } catch (error) {
    log.warn('rate_limit_unavailable', { scope: input.scope, error: describe(error) });
    return { allowed: true };
  }

  if (count <= input.limit) {
    return { allowed: true };
  }
  return { allowed: false, retryAfterSeconds: (window + 1) * input.windowSeconds - nowSeconds };
}

/** Subjects are an IP and a username or client id; anything longer is cut (usernames are short). */
const MAX_SUBJECT = 600;

/** The Upstash client puts the command (keys, values) in its messages: log only the class. */
function describe(error: unknown): string {
  return error instanceof Error ? error.name : 'unknown';
}
