import type { Hono } from 'hono';
import { createLibAuth, type LibAuthEnv } from '../../shared/lib-auth/index.js';
import { createLedgerApp } from './app.js';

/** The example's bindings: lib-auth's variables and, optionally, a service binding to auth. */
export interface LedgerEnv extends LibAuthEnv {
  /** When bound (`[[services]]`), auth is called through it instead of over the network. */
  AUTH?: Fetcher;
}

// One app (and so one lib-auth with its caches) per isolate and environment.
const apps = new WeakMap<LedgerEnv, Hono>();

function appFor(env: LedgerEnv): Hono {
  const existing = apps.get(env);
  if (existing) {
    return existing;
  }
  const binding = env.AUTH;
  const lib = createLibAuth(env, {
    fetch: binding ? (input, init) => binding.fetch(input, init) : undefined,
  });
  const app = createLedgerApp(lib);
  apps.set(env, app);
  return app;
}

/** The mock ledger Worker (see README.md next to this file). */
export default {
  fetch: (request, env, ctx) => appFor(env).fetch(request, env, ctx),
} satisfies ExportedHandler<LedgerEnv>;
