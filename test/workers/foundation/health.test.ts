import { afterAll, describe, expect, it } from 'vitest';
import { cacheControl, call, type Fn } from '../support/call.js';

const FUNCTIONS: Fn[] = ['auth', 'identity'];

/** Polls `/readyz` until it is 200 or `ms` pass; returns the last status. */
async function readyWithin(fn: Fn, ms: number): Promise<number> {
  const deadline = Date.now() + ms;
  let status = 0;
  while (Date.now() < deadline) {
    status = (await call(fn, '/readyz')).status;
    if (status === 200) {
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return status;
}

describe.each(FUNCTIONS)('%s: health and readiness', (fn) => {
  it('GET /health answers exactly `healthy` (the Go lib-auth checks the body)', async () => {
    const response = await call(fn, '/health');
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('healthy');
  });

  it('GET /readyz is 200 when a real query and a real cache round trip succeed', async () => {
    const response = await call(fn, '/readyz');
    const body = await response.json<{ status: string; checks: Record<string, { ok: boolean }> }>();
    expect(response.status).toBe(200);
    expect(body.status).toBe('ready');
    expect(body.checks.database?.ok).toBe(true);
    expect(body.checks.cache?.ok).toBe(true);
  });

  it('GET /readyz is 503 naming the database when Postgres is unreachable', async () => {
    const response = await call(fn, '/readyz', {}, { DATABASE_WS_PROXY: '127.0.0.1:9' });
    const body = await response.json<{ failed: string[] }>();
    expect(response.status).toBe(503);
    expect(body.failed).toEqual(['database']);
  });
});

describe('readiness follows the real cache', () => {
  afterAll(async () => {
    await cacheControl('start');
  });

  it('is 503 naming the cache while it is stopped, and 200 again once it is back', async () => {
    await cacheControl('stop');
    for (const fn of FUNCTIONS) {
      const down = await call(fn, '/readyz');
      const body = await down.json<{ failed: string[]; checks: Record<string, { ok: boolean }> }>();
      expect(down.status).toBe(503);
      expect(body.failed).toEqual(['cache']);
      expect(body.checks.database?.ok).toBe(true);
    }

    // The bridge reconnects on its own; give it a bounded moment, as a load balancer would.
    await cacheControl('start');
    for (const fn of FUNCTIONS) {
      expect(await readyWithin(fn, 5000)).toBe(200);
    }
  });
});
