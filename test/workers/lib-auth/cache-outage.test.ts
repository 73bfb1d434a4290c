import { env } from 'cloudflare:workers';
import { afterAll, describe, expect, it } from 'vitest';
import { openCache } from '../../../shared/cache/client.js';
import { cacheControl } from '../support/call.js';
import { callLedger, guardedLedger } from './support/ledger.js';
import { personIn, revokeSession } from './support/principals.js';

/** Caches off inside lib-auth, so every check reaches the auth function and its cache state. */
const NO_LOCAL_CACHE = {
  PLUGIN_AUTH_DECISION_CACHE_SECONDS: '0',
  PLUGIN_AUTH_OFFLINE_MAX_STALENESS_SECONDS: '0',
};

afterAll(async () => {
  await cacheControl('start');
});

describe.each(['remote', 'offline'])('lib-auth in %s mode while the cache misbehaves', (mode) => {
  it('a flushed cache changes no decision', async () => {
    const ledger = guardedLedger({ PLUGIN_AUTH_MODE: mode, ...NO_LOCAL_CACHE });
    const viewer = await personIn('midaz-viewer-group');
    const token = viewer.tokens.accessToken;
    const before = [
      (await callLedger(ledger, 'GET', '/v1/organizations', token)).status,
      (await callLedger(ledger, 'POST', '/v1/organizations', token, { legalName: 'X' })).status,
    ];
    await openCache(env.UPSTASH_REDIS_REST_URL, env.UPSTASH_REDIS_REST_TOKEN).flushdb();
    const after = [
      (await callLedger(ledger, 'GET', '/v1/organizations', token)).status,
      (await callLedger(ledger, 'POST', '/v1/organizations', token, { legalName: 'X' })).status,
    ];
    expect(before).toEqual([200, 403]);
    expect(after).toEqual(before);
  });

  it('with the cache stopped, decisions stay correct and a revoked session is refused', async () => {
    const ledger = guardedLedger({ PLUGIN_AUTH_MODE: mode, ...NO_LOCAL_CACHE });
    const viewer = await personIn('midaz-viewer-group');
    const token = viewer.tokens.accessToken;
    await cacheControl('stop');
    try {
      expect((await callLedger(ledger, 'GET', '/v1/organizations', token)).status).toBe(200);
      const post = await callLedger(ledger, 'POST', '/v1/organizations', token, { legalName: 'X' });
      expect(post.status).toBe(403);

      await revokeSession(viewer);
      expect((await callLedger(ledger, 'GET', '/v1/organizations', token)).status).toBe(401);
    } finally {
      await cacheControl('start');
    }
  });
});
