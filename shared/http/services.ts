import type { Redis } from '@upstash/redis/cloudflare';
import { createMiddleware } from 'hono/factory';
import { openCache } from '../cache/client.js';
import { loadConfig } from '../config.js';
import { openDatabase, type DatabaseHandle } from '../db/client.js';
import { createLogger } from '../log.js';
import type { AppEnv } from './context.js';

/**
 * Builds `c.var.services` for one request: parsed config, a logger bound to the request id,
 * and lazily opened database and cache clients. The database pool is ended after the response.
 */
export const services = createMiddleware<AppEnv>(async (c, next) => {
  const config = loadConfig(c.env);
  const log = createLogger(
    { service: c.get('service'), requestId: c.get('requestId') },
    config.logLevel,
  );
  let database: DatabaseHandle | undefined;
  let cache: Redis | undefined;

  c.set('services', {
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
  });

  try {
    await next();
  } finally {
    if (database) {
      const closing = database.close().catch((error: unknown) => {
        log.warn('db_close_failed', { error });
      });
      c.executionCtx.waitUntil(closing);
    }
  }
});
