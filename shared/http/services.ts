import type { Redis } from '@upstash/redis/cloudflare';
import { createMiddleware } from 'hono/factory';
import { openCache } from '../cache/client.js';
import { loadConfig } from '../config.js';
import { openDatabase, type DatabaseHandle } from '../db/client.js';
import type { Env } from '../env.js';
import type { Service } from '../errors.js';
import { createLogger } from '../log.js';
import type { AppEnv, Services } from './context.js';

/**
 * Builds the services of one request (or one scheduled run): parsed config, a logger bound to
 * the request id, and lazily opened database and cache clients. `close` ends the database pool.
 */
export function buildServices(
  env: Env,
  context: { service: Service; requestId: string; waitUntil: (work: Promise<unknown>) => void },
): { services: Services; close: () => void } {
  const config = loadConfig(env);
  const log = createLogger(
    { service: context.service, requestId: context.requestId },
    config.logLevel,
  );
  let database: DatabaseHandle | undefined;
  let cache: Redis | undefined;
  const deferred: Promise<unknown>[] = [];

  const services: Services = {
    config,
    log,
    db: () => {
      database ??= openDatabase(config.databaseUrl, config.databaseWsProxy);
      return database.db;
    },
    cache: () => {
      cache ??= openCache(config.cacheUrl, config.cacheToken);
      return cache;
    },
    defer: (work) => {
      deferred.push(work.catch((error: unknown) => log.warn('deferred_work_failed', { error })));
    },
  };

  // Deferred work may still need the pool (and may defer more): end it only after all of it.
  const settle = async () => {
    while (deferred.length > 0) {
      await Promise.all(deferred.splice(0));
    }
    await database?.close().catch((error: unknown) => log.warn('db_close_failed', { error }));
  };
  const close = () => context.waitUntil(settle());
  return { services, close };
}

/** Hono middleware: `c.var.services` for the request, the pool ended after the response. */
export const services = createMiddleware<AppEnv>(async (c, next) => {
  const built = buildServices(c.env, {
    service: c.get('service'),
    requestId: c.get('requestId'),
    waitUntil: (work) => c.executionCtx.waitUntil(work),
  });
  c.set('services', built.services);
  try {
    await next();
  } finally {
    built.close();
  }
});
