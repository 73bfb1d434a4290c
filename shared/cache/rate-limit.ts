import type { Redis } from '@upstash/redis/cloudflare';
import type { Logger } from '../log.js';
import { rateLimitKey } from './keys.js';

/** The outcome of one counted request. */
export type RateLimitResult = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Counts a request in its window and, in the same round trip, reads one more key (the hot path
 * reads the client record with it). Atomic: the counter gets its expiry when it is created.
 */
const COUNT_AND_PEEK = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
local peeked = false
if KEYS[2] then peeked = redis.call('GET', KEYS[2]) end
return {count, peeked}`;

export interface RateLimitInput {
  scope: string;
  subject: string;
  limit: number;
  windowSeconds: number;
  now: Date;
  /** A key to read in the same round trip; its value comes back as `peeked`. */
  peekKey?: string;
}

/**
 * A fixed-window counter in the cache: `rl:<scope>:<window>:<subject>` → count, expiring with
 * its window. When the cache is down the request is allowed (SPEC §3.1: sign-in keeps working;
 * the lockout counters in Postgres still apply) and a warning is logged.
 */
export async function hitRateLimit(
  cache: Redis,
  log: Logger,
  input: RateLimitInput,
): Promise<{ result: RateLimitResult; peeked: unknown }> {
  const nowSeconds = Math.floor(input.now.getTime() / 1000);
  const window = Math.floor(nowSeconds / input.windowSeconds);
  const key = rateLimitKey(input.scope, window, input.subject.slice(0, MAX_SUBJECT));
  const keys = input.peekKey ? [key, input.peekKey] : [key];

  let count: number;
  let peeked: unknown;
  try {
    [count, peeked] = await cache.eval<string[], [number, unknown]>(COUNT_AND_PEEK, keys, [
      String(input.windowSeconds + 1),
    ]);
  } catch (error) {
    log.warn('rate_limit_unavailable', { scope: input.scope, error: describe(error) });
    // Reported as read-and-absent, so the caller goes to Postgres instead of asking the
    // unreachable cache a second time.
    return { result: { allowed: true }, peeked: input.peekKey ? null : undefined };
  }

  if (count <= input.limit) {
    return { result: { allowed: true }, peeked };
  }
  const retryAfterSeconds = (window + 1) * input.windowSeconds - nowSeconds;
  return { result: { allowed: false, retryAfterSeconds }, peeked };
}

/** Subjects are an IP and a username or client id; anything longer is cut (usernames are short). */
const MAX_SUBJECT = 600;

/** The Upstash client puts the command (keys, values) in its messages: log only the class. */
function describe(error: unknown): string {
  return error instanceof Error ? error.name : 'unknown';
}
