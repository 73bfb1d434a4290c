import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { runMigrations } from '../scripts/migrate.js';
import { seed, seedOptionsFromEnv } from '../scripts/seed.js';
import { startBridge } from './bridge.js';
import { ensureDatabase, externalPostgres, startEmbeddedPostgres } from './postgres.js';
import { externalRedis, startLocalRedis } from './redis.js';
import { loadDevVars, writeEnvFile } from './secrets.js';
import { startWsProxy } from './ws-proxy.js';

/**
 * `npm run dev`: the whole local stack in one command. Postgres (DATABASE_URL or embedded),
 * Redis (REDIS_URL or a local redis-server), the WebSocket proxy and the Upstash bridge,
 * migrations and the seed, then both workers under `wrangler dev`. Ctrl-C stops everything.
 */
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const STATE = join(ROOT, '.dev');
const PORTS = {
  auth: Number(process.env.AUTH_PORT ?? 4000),
  identity: Number(process.env.IDENTITY_PORT ?? 4001),
  postgres: Number(process.env.DEV_POSTGRES_PORT ?? 5499),
  redis: Number(process.env.DEV_REDIS_PORT ?? 6399),
  proxy: Number(process.env.DEV_WS_PROXY_PORT ?? 4010),
  bridge: Number(process.env.DEV_BRIDGE_PORT ?? 4011),
  authInspector: Number(process.env.AUTH_INSPECTOR_PORT ?? 9230),
  identityInspector: Number(process.env.IDENTITY_INSPECTOR_PORT ?? 9231),
};

const cleanups: (() => Promise<void>)[] = [];
const children: ChildProcess[] = [];

/** Writes each line of `text` with the part's prefix, so interleaved logs stay readable. */
function say(part: string, text: string): void {
  const prefix = `[${part}]`.padEnd(11);
  for (const line of text.split('\n')) {
    process.stdout.write(`${prefix} ${line}\n`);
  }
}

async function main(): Promise<void> {
  mkdirSync(STATE, { recursive: true });
  const { vars, created } = loadDevVars(
    join(ROOT, '.dev.vars'),
    join(ROOT, '.dev.vars.example'),
    process.env,
  );
  if (created) {
    say('stack', `created .dev.vars with fresh secrets (admin password inside): ${ROOT}/.dev.vars`);
  }

  const postgres = vars.DATABASE_URL
    ? externalPostgres(vars.DATABASE_URL)
    : await startEmbeddedPostgres({
        dataDir: join(STATE, 'postgres'),
        port: PORTS.postgres,
        persistent: true,
        log: (line) => say('postgres', line),
      });
  cleanups.push(() => postgres.stop());
  const databaseUrl =
    vars.DATABASE_URL || (await ensureDatabase(postgres.adminUrl, 'access_manager'));
  say('postgres', `ready on ${postgres.host}:${postgres.port}`);

  const redis = vars.REDIS_URL
    ? externalRedis(vars.REDIS_URL)
    : await startLocalRedis({
        dataDir: join(STATE, 'redis'),
        port: PORTS.redis,
        log: (line) => say('redis', line),
      });
  cleanups.push(() => redis.stop());
  say('redis', `ready at ${redis.url}`);

  const proxy = await startWsProxy({
    allow: [`${postgres.host}:${postgres.port}`],
    port: PORTS.proxy,
    log: (line) => say('proxy', JSON.stringify(line)),
  });
  cleanups.push(() => proxy.close());
  const token = required(vars, 'UPSTASH_REDIS_REST_TOKEN');
  const bridge = await startBridge({
    redisUrl: redis.url,
    token,
    port: PORTS.bridge,
    log: (line) => say('bridge', JSON.stringify(line)),
  });
  cleanups.push(() => bridge.close());
  say('stack', `ws proxy ${proxy.address}, cache bridge ${bridge.url}`);

  await runMigrations(databaseUrl);
  say('stack', 'migrations applied');
  await seed(databaseUrl, seedOptionsFromEnv({ ...process.env, ...vars }));
  say('stack', 'seed applied');

  const workerVars = join(STATE, 'worker.vars');
  // Left empty, the issuer and lib-auth's address follow AUTH_PORT.
  const authUrl = `http://127.0.0.1:${PORTS.auth}`;
  writeEnvFile(workerVars, {
    ...vars,
    ISSUER: vars.ISSUER || authUrl,
    PLUGIN_AUTH_ADDRESS: vars.PLUGIN_AUTH_ADDRESS || authUrl,
    DATABASE_URL: databaseUrl,
    DATABASE_WS_PROXY: proxy.address,
    UPSTASH_REDIS_REST_URL: bridge.url,
  });
  startWorker('auth', PORTS.auth, PORTS.authInspector, workerVars);
  startWorker('identity', PORTS.identity, PORTS.identityInspector, workerVars);
  say('stack', `auth     http://127.0.0.1:${PORTS.auth}  (try /readyz)`);
  say('stack', `identity http://127.0.0.1:${PORTS.identity}`);
  say('stack', 'Ctrl-C stops everything');
}

function startWorker(name: 'auth' | 'identity', port: number, inspector: number, varsFile: string) {
  const args = [
    'dev',
    '--env',
    name,
    '--ip',
    '127.0.0.1',
    '--port',
    String(port),
    '--inspector-port',
    String(inspector),
    '--env-file',
    varsFile,
    // Each worker its own local state: two wrangler processes on one SQLite file can collide.
    '--persist-to',
    join(ROOT, '.wrangler', `state-${name}`),
    '--show-interactive-dev-session=false',
  ];
  const child = spawn(join(ROOT, 'node_modules', '.bin', 'wrangler'), args, {
    cwd: ROOT,
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', FORCE_COLOR: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => say(name, line));
  }
  child.on('exit', (code) => {
    say(name, `exited with ${code}`);
    if (!stopping) {
      void stop(1);
    }
  });
}

function required(vars: Record<string, string>, name: string): string {
  const value = vars[name];
  if (!value) {
    throw new Error(`${name} is missing from .dev.vars`);
  }
  return value;
}

let stopping = false;

async function stop(code: number): Promise<void> {
  if (stopping) {
    return;
  }
  stopping = true;
  say('stack', 'stopping');
  await Promise.all(
    children.map(
      (child) =>
        new Promise((resolve) => {
          if (child.exitCode !== null) {
            resolve(null);
            return;
          }
          child.once('exit', resolve);
          child.kill('SIGTERM');
        }),
    ),
  );
  for (const cleanup of cleanups.reverse()) {
    await cleanup().catch((error: unknown) => say('stack', `cleanup failed: ${String(error)}`));
  }
  process.exit(code);
}

process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));

main().catch(async (error: unknown) => {
  say('stack', `failed: ${error instanceof Error ? error.message : String(error)}`);
  await stop(1);
});
