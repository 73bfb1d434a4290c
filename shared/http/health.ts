import { Hono } from 'hono';
import { sql } from 'drizzle-orm';
import type { AppEnv } from './context.js';
import { services } from './services.js';

/** How long a readiness probe waits for each dependency. */
const PROBE_TIMEOUT_MS = 2000;

type Check = { ok: true; ms: number } | { ok: false; ms: number; error: string };

export const health = new Hono<AppEnv>();

/** Liveness, in the body existing clients check for (COMPAT: exactly `healthy`). */
health.get('/health', (c) => c.text('healthy'));

/** Readiness: a real query to Postgres and a real round trip to the cache. */
health.get('/readyz', services, async (c) => {
  const { db, cache, log } = c.var.services;

  const [database, cacheCheck] = await Promise.all([
    probe(async () => {
      await db().execute(sql`select 1`);
    }),
    probe(async () => {
      await cache().ping();
    }),
  ]);
  const checks = { database, cache: cacheCheck };
  const failed = Object.entries(checks)
    .filter(([, check]) => !check.ok)
    .map(([name]) => name);

  if (failed.length > 0) {
    log.warn('not_ready', { failed, checks });
    return c.json({ status: 'unavailable', failed, checks }, 503, { 'Cache-Control': 'no-store' });
  }
  return c.json({ status: 'ready', checks }, 200, { 'Cache-Control': 'no-store' });
});

async function probe(run: () => Promise<void>): Promise<Check> {
  const started = Date.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timeout')), PROBE_TIMEOUT_MS);
  });
  try {
    await Promise.race([run(), timeout]);
    return { ok: true, ms: Date.now() - started };
  } catch (error) {
    // Only the error's class goes out: messages can carry connection details.
    const message =
      error instanceof Error && error.message === 'timeout' ? 'timeout' : 'unreachable';
    return { ok: false, ms: Date.now() - started, error: message };
  } finally {
    if (timer !== undefined) {
      clearTimeout(timer);
    }
  }
}
