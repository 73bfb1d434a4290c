import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { startBridge, type Bridge } from '../../dev/bridge.js';
import {
  dropDatabase,
  ensureDatabase,
  externalPostgres,
  startEmbeddedPostgres,
  type PostgresHandle,
} from '../../dev/postgres.js';
import { externalRedis, startLocalRedis, type RedisHandle } from '../../dev/redis.js';
import { startWsProxy, type WsProxy } from '../../dev/ws-proxy.js';

/** The real services one test run uses, and how to take them down again. */
export interface TestStack {
  adminDatabaseUrl: string;
  databaseUrl: string;
  databaseName: string;
  wsProxy: string;
  redisUrl: string;
  cacheUrl: string;
  cacheToken: string;
  redis: RedisHandle;
  restartBridge(): Promise<void>;
  stopBridge(): Promise<void>;
  close(): Promise<void>;
}

/** The DB index a shared Redis lends to tests; FLUSHDB on it, never FLUSHALL. */
const SHARED_REDIS_DB = 11;

/**
 * Starts Postgres, Redis, the WebSocket proxy and the Upstash bridge for a test run. Uses
 * `DATABASE_URL` / `REDIS_URL` when set (a fresh database per run; a dedicated Redis DB index),
 * otherwise embedded Postgres and a local redis-server in a temporary folder.
 */
export async function startTestStack(): Promise<TestStack> {
  const scratch = mkdtempSync(join(tmpdir(), 'access-manager-test-'));
  // As root, embedded Postgres runs as a `postgres` user that must be able to enter the folder.
  chmodSync(scratch, 0o755);
  const postgres: PostgresHandle = process.env.DATABASE_URL
    ? externalPostgres(process.env.DATABASE_URL)
    : await startEmbeddedPostgres({ dataDir: join(scratch, 'postgres'), persistent: false });

  const databaseName = `am_test_${process.pid}_${randomBytes(3).toString('hex')}`;
  const databaseUrl = await ensureDatabase(postgres.adminUrl, databaseName);

  const redis = process.env.REDIS_URL
    ? externalRedis(withDb(process.env.REDIS_URL, SHARED_REDIS_DB))
    : await startLocalRedis({ dataDir: join(scratch, 'redis') });
  await flushDb(redis.url);

  const proxy: WsProxy = await startWsProxy({ allow: [`${postgres.host}:${postgres.port}`] });
  const cacheToken = randomBytes(24).toString('base64url');
  let bridge: Bridge = await startBridge({ redisUrl: redis.url, token: cacheToken });
  const bridgePort = bridge.port;

  return {
    adminDatabaseUrl: postgres.adminUrl,
    databaseUrl,
    databaseName,
    wsProxy: proxy.address,
    redisUrl: redis.url,
    cacheUrl: bridge.url,
    cacheToken,
    redis,
    stopBridge: () => bridge.close(),
    restartBridge: async () => {
      bridge = await startBridge({ redisUrl: redis.url, token: cacheToken, port: bridgePort });
    },
    close: async () => {
      await bridge.close().catch(() => {});
      await proxy.close();
      await dropDatabase(postgres.adminUrl, databaseName).catch(() => {});
      await redis.stop();
      await postgres.stop();
      rmSync(scratch, { recursive: true, force: true });
    },
  };
}

function withDb(url: string, db: number): string {
  const parsed = new URL(url);
  parsed.pathname = `/${db}`;
  return parsed.toString();
}

async function flushDb(url: string): Promise<void> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await client.connect();
  await client.flushdb();
  client.disconnect();
}
