import { Redis } from '@upstash/redis/cloudflare';

/** Per-call ceiling for a cache round trip; past it the cache counts as down. */
const CACHE_TIMEOUT_MS = 1500;

/**
 * A cache client over the Upstash REST protocol (Upstash in production, the local bridge in
 * development). One per request: auto-pipelining would otherwise batch commands of several
 * requests into one fetch, and Workers forbid sharing I/O between requests.
 */
export function openCache(url: string, token: string): Redis {
  return new Redis({
    url,
    token,
    enableTelemetry: false,
    // A down cache must cost little: one quick retry, then the caller falls back to Postgres.
    retry: { retries: 1, backoff: () => 50 },
    signal: () => AbortSignal.timeout(CACHE_TIMEOUT_MS),
  });
}
