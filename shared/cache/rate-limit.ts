import type { Redis } from '@upstash/redis/cloudflare';
import type { Logger } from '../log.js';

/** The outcome of one counted request. */
export type RateLimitResult = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * A fixed-window counter in the cache: `rl:<scope>:<window>:<subject digest>` → count, expiring
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
  const key = `rl:${input.scope}:${window}:${await digest(input.subject)}`;

  let count: number;
  try {
    const [hits] = await cache
      .multi()
      .incr(key)
      .expire(key, input.windowSeconds + 1)
      .exec<[number, number]>();
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

async function digest(subject: string): Promise<string> {
  const bytes = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(subject));
  return [...new Uint8Array(bytes).slice(0, 16)]
    .map((byte) => byte.toString(16).padStart(2, '0'))
    .join('');
}

/** The Upstash client puts the command (keys, values) in its messages: log only the class. */
function describe(error: unknown): string {
  return error instanceof Error ? error.name : 'unknown';
}
