import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import auth from '../../../functions/auth/index.js';
import identity from '../../../functions/identity/index.js';

const APPS = { auth, identity } as const;
const ORIGINS = { auth: 'http://127.0.0.1:4000', identity: 'http://127.0.0.1:4001' } as const;

export type Fn = keyof typeof APPS;

/** Calls one function inside workerd with the test bindings, waiting for its `waitUntil` work. */
export async function call(
  fn: Fn,
  path: string,
  init: RequestInit = {},
  bindings: Partial<Cloudflare.Env> = {},
): Promise<Response> {
  const ctx = createExecutionContext();
  const request = new Request(`${ORIGINS[fn]}${path}`, init);
  const response = await APPS[fn].fetch(request, { ...env, ...bindings }, ctx);
  await waitOnExecutionContext(ctx);
  return response;
}

/** Stops or restarts the real cache behind the bridge (through the test control server). */
export async function cacheControl(action: 'stop' | 'start'): Promise<void> {
  const response = await fetch(`${env.TEST_CONTROL_URL}/cache/${action}`, { method: 'POST' });
  if (response.status !== 204) {
    throw new Error(`cache ${action} failed: ${response.status} ${await response.text()}`);
  }
}
