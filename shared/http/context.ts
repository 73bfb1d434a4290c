import type { Redis } from '@upstash/redis/cloudflare';
import type { Config } from '../config.js';
import type { Database } from '../db/client.js';
import type { Env } from '../env.js';
import type { Service } from '../errors.js';
import type { Logger } from '../log.js';

/** What every request handler can reach through `c.var`. */
export interface Services {
  config: Config;
  log: Logger;
  /** Opened on first use and closed after the response. */
  db(): Database;
  /** Opened on first use. */
  cache(): Redis;
  /** Runs `work` after the response is sent (`waitUntil`); failures are logged. */
  defer(work: Promise<unknown>): void;
}

/** The Hono environment of both functions. */
export interface AppEnv {
  Bindings: Env;
  Variables: {
    service: Service;
    requestId: string;
    services: Services;
  };
}
