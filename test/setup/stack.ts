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
  const undo: (() => Promise<unknown>)[] = [
    async () => rmSync(scratch, { recursive: true, force: true }),
  ];
  const closeAll = async () => {
    for (const step of undo.splice(0).reverse()) {
      await step().catch(() => {});
    }
  };

  try {
    const postgres: PostgresHandle = process.env.DATABASE_URL
      ? externalPostgres(process.env.DATABASE_URL)
      : await startEmbeddedPostgres({ dataDir: join(scratch, 'postgres'), persistent: false });
    undo.push(() => postgres.stop());

    const databaseName = `am_test_${process.pid}_${randomBytes(3).toString('hex')}`;
    const databaseUrl = await ensureDatabase(postgres.adminUrl, databaseName);
    undo.push(() => dropDatabase(postgres.adminUrl, databaseName));

    const redis = process.env.REDIS_URL
      ? externalRedis(withDb(process.env.REDIS_URL, SHARED_REDIS_DB))
      : await startLocalRedis({ dataDir: join(scratch, 'redis') });
    undo.push(() => redis.stop());
    await flushDb(redis.url);

    const proxy: WsProxy = await startWsProxy({ allow: [`${postgres.host}:${postgres.port}`] });
    undo.push(() => proxy.close());
    const cacheToken = randomBytes(24).toString('base64url');
    let bridge: Bridge = await startBridge({ redisUrl: redis.url, token: cacheToken });
    const bridgePort = bridge.port;
    undo.push(() => bridge.close());

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
      close: closeAll,
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
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
