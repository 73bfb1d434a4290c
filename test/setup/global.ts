import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { TestProject } from 'vitest/node';
import { runMigrations } from '../../scripts/migrate.js';
import { seed, type SeedOptions } from '../../scripts/seed.js';
import { startTestStack, type TestStack } from './stack.js';

/**
 * Vitest global setup (runs in Node): real Postgres and Redis, the WebSocket proxy and the
 * Upstash bridge, migrations and the seed; their addresses are provided to the tests, and to
 * the workers as bindings (vitest.config.ts).
 */
let stack: TestStack | undefined;
let control: Server | undefined;

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  stack = await startTestStack();
  try {
    await runMigrations(stack.databaseUrl);
  } catch (error) {
    await stack.close();
    throw error;
  }

  const secrets: SeedOptions = {
    adminUsername: 'admin',
    adminEmail: 'admin@example.com',
    adminPassword: randomBytes(18).toString('base64url'),
    consoleClientId: 'console',
    consoleClientSecret: randomBytes(32).toString('base64url'),
    passwordPepper: randomBytes(32).toString('base64'),
    passwordPepperId: '1',
  };
  await seed(stack.databaseUrl, secrets).catch(async (error: unknown) => {
    await stack?.close();
    throw error;
  });

  const controlUrl = await startControl(stack);

  project.provide('stack', {
    adminDatabaseUrl: stack.adminDatabaseUrl,
    databaseUrl: stack.databaseUrl,
    wsProxy: stack.wsProxy,
    redisUrl: stack.redisUrl,
    cacheUrl: stack.cacheUrl,
    cacheToken: stack.cacheToken,
    controlUrl,
    keyEncryptionKey: randomBytes(32).toString('base64'),
    ...secrets,
  });

  return async () => {
    control?.closeAllConnections();
    await new Promise((resolve) => control?.close(resolve));
    await stack?.close();
  };
}

/** Waits until the bridge has reconnected to Redis and answers a PING (it retries on backoff). */
async function bridgeAnswers(running: TestStack): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const response = await fetch(running.cacheUrl, {
      method: 'POST',
      headers: { Authorization: `Bearer ${running.cacheToken}` },
      body: JSON.stringify(['PING']),
    }).catch(() => undefined);
    if (response?.ok) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the cache bridge did not come back within 10 s');
}

/**
 * A small HTTP server tests inside workerd call to stop and restart the cache, so `/readyz`
 * and the fallbacks can be tested against a cache that is really gone.
 */
async function startControl(running: TestStack): Promise<string> {
  control = createServer((request, response) => {
    const act = async () => {
      if (request.method !== 'POST') {
        return 405;
      }
      switch (request.url) {
        case '/cache/stop':
          await (running.redis.owned ? running.redis.stop() : running.stopBridge());
          return 204;
        case '/cache/start':
          await (running.redis.owned ? running.redis.start() : running.restartBridge());
          await bridgeAnswers(running);
          return 204;
        default:
          return 404;
      }
    };
    act().then(
      (status) => response.writeHead(status, { Connection: 'close' }).end(),
      (error: unknown) => response.writeHead(500).end(String(error)),
    );
  });
  await new Promise<void>((resolve) => control?.listen(0, '127.0.0.1', resolve));
  const address = control.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return `http://127.0.0.1:${port}`;
}
