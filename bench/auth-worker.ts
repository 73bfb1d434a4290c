import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { freePort } from '../dev/ports.js';
import { writeEnvFile } from '../dev/secrets.js';
import { ROOT, TOKEN_RATE_LIMIT_PER_MINUTE, type BenchConfig } from './config.js';
import type { BenchStack } from './stack.js';
import type { Teardown } from './teardown.js';
import { startDevWorker, wranglerDevCommand, type DevWorker } from './wrangler.js';

/**
 * Starts the real auth worker against the bench's stack: `wrangler dev --env auth`, as
 * `npm run dev` does (BENCH_INSPECTOR=1), or by default bench/worker-host.ts (the same dev server with
 * its inspector off). Its vars go to a generated file in the scratch folder, never `.dev.vars`.
 */
export async function startAuthWorker(
  stack: BenchStack,
  config: BenchConfig,
  teardown: Teardown,
): Promise<DevWorker> {
  const varsFile = join(stack.scratch, 'auth.vars');
  writeEnvFile(varsFile, {
    DATABASE_URL: stack.databaseUrl,
    DATABASE_WS_PROXY: stack.wsProxy,
    UPSTASH_REDIS_REST_URL: stack.cacheUrl,
    UPSTASH_REDIS_REST_TOKEN: stack.cacheToken,
    KEY_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    PASSWORD_PEPPER: stack.seed.passwordPepper,
    PASSWORD_PEPPER_ID: stack.seed.passwordPepperId,
    LOG_LEVEL: 'warn',
    TOKEN_RATE_LIMIT_PER_MINUTE: String(TOKEN_RATE_LIMIT_PER_MINUTE),
  });
  const port = await freePort();
  const persist = join(stack.scratch, 'auth-state');

  const cli = [
    '--env',
    'auth',
    '--env-file',
    varsFile,
    '--persist-to',
    persist,
    // Otherwise wrangler prints a line per request from its Node process.
    '--log-level',
    'warn',
  ];
  const host = {
    BENCH_HOST_CONFIG: join(ROOT, 'wrangler.toml'),
    BENCH_HOST_VARS: varsFile,
    BENCH_HOST_PORT: String(port),
    BENCH_HOST_PERSIST: persist,
  };
  return startDevWorker(
    {
      command: config.inspector
        ? wranglerDevCommand(cli, port, await freePort())
        : [process.execPath, '--import', 'tsx', join(ROOT, 'bench', 'worker-host.ts')],
      env: config.inspector ? {} : host,
      port,
      cwd: ROOT,
      readyPath: '/readyz',
      readyTimeoutMs: 60_000,
    },
    teardown,
  );
}
