import { Redis } from '@upstash/redis/cloudflare';

/** Per-call ceiling for a cache round trip; past it the cache counts as down. */
const CACHE_TIMEOUT_MS = 1500;

const clients = new Map<string, Redis>();

/**
 * A cache client over the Upstash REST protocol (Upstash in production, the local bridge in
 * development), one per isolate: building one defines ~290 methods, too costly per request. It
 * holds no I/O object, only settings; auto-pipelining is off so that every command's fetch
 * belongs to the request that issued it (Workers forbid sharing I/O between requests). Commands
 * that belong together go in one script or one explicit pipeline.
 */
export function openCache(url: string, token: string): Redis {
  const key = `${url}\n${token}`;
  let client = clients.get(key);
  if (!client) {
    client = create(url, token);
    clients.set(key, client);
  }
  return client;
}

function create(url: string, token: string): Redis {
  return new Redis({
    url,
    token,
    enableTelemetry: false,
    enableAutoPipelining: false,
    // A down cache must cost little: one quick retry, then the caller falls back to Postgres.
    retry: { retries: 1, backoff: () => 50 },
    signal: () => AbortSignal.timeout(CACHE_TIMEOUT_MS),
  });
}
