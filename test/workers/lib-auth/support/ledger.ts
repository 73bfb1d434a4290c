import type { Hono } from 'hono';
import { createLedgerApp } from '../../../../examples/ledger/app.js';
import {
  createLibAuth,
  type LibAuth,
  type LibAuthEnv,
  type LibAuthOptions,
} from '../../../../shared/lib-auth/index.js';
import { authFetch, type RecordingFetch } from './auth-fetch.js';

/** Where lib-auth believes auth lives; requests never leave the isolate (see auth-fetch.ts). */
export const AUTH_ADDRESS = 'http://127.0.0.1:4000';

/** A clock the test moves by hand, in milliseconds. */
export interface ManualClock {
  now: () => number;
  advance(ms: number): void;
}

export function manualClock(start = Date.now()): ManualClock {
  let time = start;
  return {
    now: () => time,
    advance: (ms) => {
      time += ms;
    },
  };
}

/** The example ledger, guarded by a lib-auth wired to the real auth function. */
export interface GuardedLedger {
  app: Hono;
  lib: LibAuth;
  auth: RecordingFetch;
  clock: ManualClock;
}

/** Builds the example ledger with lib-auth enabled and `vars` on top; logs stay quiet. */
export function guardedLedger(
  vars: LibAuthEnv = {},
  options: LibAuthOptions & { auth?: RecordingFetch } = {},
): GuardedLedger {
  const { auth = authFetch(), ...overrides } = options;
  const clock = manualClock();
  const lib = createLibAuth(
    { PLUGIN_AUTH_ENABLED: 'true', PLUGIN_AUTH_ADDRESS: AUTH_ADDRESS, ...vars },
    { fetch: auth.fetch, now: clock.now, log: quietLog, ...overrides },
  );
  return { app: createLedgerApp(lib), lib, auth, clock };
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD';

/** Calls the ledger as a client would: `Authorization: Bearer <token>` and JSON. */
export async function callLedger(
  ledger: GuardedLedger,
  method: Method,
  path: string,
  token?: string,
  body?: unknown,
): Promise<Response> {
  const headers: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {};
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  const init = { method, headers, body: body === undefined ? undefined : JSON.stringify(body) };
  return ledger.app.request(path, init);
}

/** An organization made through the ledger by `token` (which must be allowed to). */
export async function createOrganization(ledger: GuardedLedger, token: string): Promise<string> {
  const response = await callLedger(ledger, 'POST', '/v1/organizations', token, {
    legalName: 'Example Org',
  });
  if (response.status !== 201) {
    throw new Error(`organization not created: ${response.status} ${await response.text()}`);
  }
  return (await response.json<{ id: string }>()).id;
}

const silent = () => undefined;

/** A logger that drops everything: refusals are expected in these tests. */
export const quietLog = {
  debug: silent,
  info: silent,
  warn: silent,
  error: silent,
  with: () => quietLog,
};
