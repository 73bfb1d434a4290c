import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import {
  dropDatabase,
  ensureDatabase,
  externalPostgres,
  startEmbeddedPostgres,
} from '../dev/postgres.js';
import { externalRedis, startLocalRedis } from '../dev/redis.js';
import { runMigrations } from '../scripts/migrate.js';
import { seed, type SeedOptions } from '../scripts/seed.js';
import { ROOT } from './config.js';
import { insertFixtures, randomSecret, type BenchFixtures } from './fixtures.js';
import { descendants } from './proc.js';
import type { Teardown } from './teardown.js';
import { guardDir, guardPid } from './watchdog.js';

/** The services one bench run uses, all on 127.0.0.1 and all its own unless given by URL. */
export interface BenchStack {
  scratch: string;
  databaseUrl: string;
  wsProxy: string;
  cacheUrl: string;
  cacheToken: string;
  /** The Redis behind the cache bridge, for the bench's own commands (the authz epoch). */
  redisUrl: string;
  /** The child process running the WebSocket proxy and the cache bridge. */
  servicesPid: number;
  seed: SeedOptions;
  fixtures: BenchFixtures;
}

/** The DB index a shared Redis (REDIS_URL) lends to the bench; only short-lived keys land there. */
const SHARED_REDIS_DB = 12;

/**
 * Starts Postgres (DATABASE_URL or embedded, a fresh database either way), Redis (REDIS_URL or
 * a local redis-server), the proxy and bridge child, migrations, the seed and the fixtures.
 * Everything started is registered on `teardown`.
 */
export async function startStack(teardown: Teardown): Promise<BenchStack> {
  const scratch = mkdtempSync(join(tmpdir(), 'access-manager-bench-'));
  // As root, embedded Postgres runs as a `postgres` user that must be able to enter the folder.
  chmodSync(scratch, 0o755);
  guardDir(scratch);
  teardown.add('scratch', async () => rmSync(scratch, { recursive: true, force: true }));

  const postgres = process.env.DATABASE_URL
    ? externalPostgres(process.env.DATABASE_URL)
    : await startEmbeddedPostgres({ dataDir: join(scratch, 'postgres'), persistent: false });
  teardown.add('postgres', () => postgres.stop());
  const databaseName = `am_bench_${process.pid}_${randomBytes(3).toString('hex')}`;
  const databaseUrl = await ensureDatabase(postgres.adminUrl, databaseName);
  if (process.env.DATABASE_URL) {
    // An embedded server goes with its data directory; a shared one keeps no bench database.
    teardown.add('database', () => dropDatabase(postgres.adminUrl, databaseName));
  }

  const redis = process.env.REDIS_URL
    ? externalRedis(withDbIndex(process.env.REDIS_URL, SHARED_REDIS_DB))
    : await startLocalRedis({ dataDir: join(scratch, 'redis') });
  teardown.add('redis', () => redis.stop());
  guardServers();

  const cacheToken = randomSecret();
  const services = await startServices(`${postgres.host}:${postgres.port}`, redis.url, cacheToken);
  teardown.add('proxy and bridge', services.stop);

  await runMigrations(databaseUrl);
  const seedOptions: SeedOptions = {
    adminUsername: 'admin',
    adminEmail: 'admin@localhost.localdomain',
    adminPassword: randomSecret(),
    consoleClientId: 'console',
    consoleClientSecret: randomSecret(),
    passwordPepper: randomBytes(32).toString('base64'),
    passwordPepperId: '1',
  };
  await seed(databaseUrl, seedOptions);
  const fixtures = await insertFixtures(databaseUrl, {
    id: seedOptions.passwordPepperId,
    base64: seedOptions.passwordPepper,
  });

  return {
    scratch,
    databaseUrl,
    wsProxy: services.proxy,
    cacheUrl: services.bridge,
    cacheToken,
    redisUrl: redis.url,
    servicesPid: services.pid,
    seed: seedOptions,
    fixtures,
  };
}

interface Services {
  pid: number;
  proxy: string;
  bridge: string;
  stop(): Promise<void>;
}

/** Runs bench/services.ts as a child and reads the addresses it prints. */
async function startServices(postgres: string, redisUrl: string, token: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'bench', 'services.ts')], {
    cwd: ROOT,
    env: {
      ...process.env,
      BENCH_POSTGRES: postgres,
      BENCH_REDIS_URL: redisUrl,
      BENCH_CACHE_TOKEN: token,
    },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await exited;
    }
  };

  const firstLine = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    void exited.then(() => reject(new Error('the proxy and bridge child exited at start')));
  });
  const ready = JSON.parse(firstLine) as { proxy: string; bridge: string };
  if (child.pid === undefined) {
    throw new Error('the proxy and bridge child has no pid');
  }
  return { pid: child.pid, proxy: ready.proxy, bridge: ready.bridge, stop } satisfies Services;
}

/** Hands the postmaster and redis-server (our direct children) to the watchdog. */
function guardServers(): void {
  for (const stat of descendants(process.pid)) {
    const server = stat.comm === 'postgres' || stat.comm === 'redis-server';
    if (server && stat.ppid === process.pid) {
      guardPid(stat.pid);
    }
  }
}

function withDbIndex(url: string, db: number): string {
  const parsed = new URL(url);
  parsed.pathname = `/${db}`;
  return parsed.toString();
}
