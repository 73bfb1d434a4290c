import { cloudflareTest } from '@cloudflare/vitest-pool-workers';
import { defineConfig, defineProject } from 'vitest/config';

/**
 * Two projects share one global setup (real Postgres, Redis, proxy and bridge):
 * `node` for the local tooling (bridge, migrations, seed) and `workers` for both functions,
 * which run inside workerd exactly as deployed.
 */
export default defineConfig({
  test: {
    globalSetup: ['test/setup/global.ts'],
    projects: [
      defineProject({
        test: {
          name: 'node',
          include: ['test/node/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
        },
      }),
      defineProject({
        plugins: [
          cloudflareTest(({ inject }) => {
            const stack = inject('stack');
            return {
              miniflare: {
                compatibilityDate: '2026-04-26',
                compatibilityFlags: ['nodejs_compat'],
                bindings: {
                  DATABASE_URL: stack.databaseUrl,
                  DATABASE_WS_PROXY: stack.wsProxy,
                  UPSTASH_REDIS_REST_URL: stack.cacheUrl,
                  UPSTASH_REDIS_REST_TOKEN: stack.cacheToken,
                  ISSUER: 'http://127.0.0.1:4000',
                  ORGANIZATION: 'lerian',
                  KEY_ENCRYPTION_KEY: stack.keyEncryptionKey,
                  PASSWORD_PEPPER: stack.passwordPepper,
                  PASSWORD_PEPPER_ID: stack.passwordPepperId,
                  LOG_LEVEL: 'warn',
                  TEST_CONTROL_URL: stack.controlUrl,
                  TEST_ADMIN_PASSWORD: stack.adminPassword,
                  TEST_CONSOLE_CLIENT_ID: stack.consoleClientId,
                  TEST_CONSOLE_CLIENT_SECRET: stack.consoleClientSecret,
                },
              },
            };
          }),
        ],
        test: {
          name: 'workers',
          include: ['test/workers/**/*.test.ts'],
          // Some tests stop the real cache; files run one at a time so none sees it by surprise.
          fileParallelism: false,
          testTimeout: 30_000,
        },
      }),
    ],
  },
});
