import { describe, expect, it } from 'vitest';
import { createLibAuth } from '../../../shared/lib-auth/index.js';
import { authFetch, hangingFetch, unreachableFetch } from './support/auth-fetch.js';
import { AUTH_ADDRESS, callLedger, guardedLedger, quietLog } from './support/ledger.js';
import { personIn } from './support/principals.js';

const part = (value: unknown) => btoa(JSON.stringify(value)).replace(/=+$/, '');

describe('PLUGIN_AUTH_ENABLED=false', () => {
  it('lets every request through and never calls auth', async () => {
    const ledger = guardedLedger({ PLUGIN_AUTH_ENABLED: 'false' });
    expect((await callLedger(ledger, 'GET', '/v1/organizations')).status).toBe(200);
    const body = { legalName: 'Open Org' };
    expect((await callLedger(ledger, 'POST', '/v1/organizations', undefined, body)).status).toBe(
      201,
    );
    expect(ledger.auth.calls).toEqual([]);
  });

  it('is the default when nothing is set', async () => {
    const lib = createLibAuth({}, { fetch: unreachableFetch().fetch, log: quietLog });
    const outcome = await lib.check({
      authorization: undefined,
      product: 'midaz',
      resource: 'accounts',
      action: 'delete',
    });
    expect(outcome).toEqual({ outcome: 'allow' });
  });
});

describe.each(['remote', 'offline'] as const)('refused locally (%s mode)', (mode) => {
  it('a request without a token is 401 AUT-0006, without asking auth', async () => {
    const ledger = guardedLedger({ PLUGIN_AUTH_MODE: mode });
    const response = await callLedger(ledger, 'GET', '/v1/organizations');
    expect(response.status).toBe(401);
    expect(response.headers.get('WWW-Authenticate')).toBe('Bearer');
    expect(await response.json()).toEqual({
      code: 'AUT-0006',
      title: 'Token Missing',
      message: 'The request carries no access token.',
    });
    expect(ledger.auth.calls).toEqual([]);
  });

  it('a token that is not a JWS is 401 AUT-0007, without asking auth', async () => {
    const ledger = guardedLedger({ PLUGIN_AUTH_MODE: mode });
    const response = await callLedger(ledger, 'GET', '/v1/organizations', 'not-a-jwt');
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ code: 'AUT-0007' });
    expect(ledger.auth.calls).toEqual([]);
  });
});

describe('refused locally (remote mode)', () => {
  it("a person's token without sub is 401 without asking auth (COMPAT.md)", async () => {
    const ledger = guardedLedger();
    const claims = { type: 'normal-user', owner: 'lerian' };
    const token = `${part({ alg: 'ES256' })}.${part(claims)}.c2ln`;
    const response = await callLedger(ledger, 'GET', '/v1/organizations', token);
    expect(response.status).toBe(401);
    expect(ledger.auth.calls).toEqual([]);
  });
});

describe.each(['remote', 'offline'] as const)('auth unreachable (%s mode): fail closed', (mode) => {
  it('a connection failure is 503 AUT-0503', async () => {
    const person = await personIn('midaz-editor-group');
    const ledger = guardedLedger({ PLUGIN_AUTH_MODE: mode }, { auth: unreachableFetch() });
    const response = await callLedger(
      ledger,
      'GET',
      '/v1/organizations',
      person.tokens.accessToken,
    );
    expect(response.status).toBe(503);
    expect(response.headers.get('Retry-After')).toBe('1');
    expect(await response.json()).toMatchObject({ code: 'AUT-0503' });
  });

  it('a closed port is 503 (the real network, global fetch)', async () => {
    const person = await personIn('midaz-editor-group');
    const lib = createLibAuth(
      {
        PLUGIN_AUTH_ENABLED: 'true',
        PLUGIN_AUTH_ADDRESS: 'http://127.0.0.1:9',
        PLUGIN_AUTH_MODE: mode,
      },
      { log: quietLog },
    );
    const outcome = await lib.check({
      authorization: `Bearer ${person.tokens.accessToken}`,
      product: 'midaz',
      resource: 'organizations',
      action: 'get',
    });
    expect(outcome).toEqual({ outcome: 'unavailable', reason: expect.any(String) });
  });

  it('an answer slower than PLUGIN_AUTH_TIMEOUT_MS is 503, on time', async () => {
    const person = await personIn('midaz-editor-group');
    const ledger = guardedLedger(
      { PLUGIN_AUTH_MODE: mode, PLUGIN_AUTH_TIMEOUT_MS: '50' },
      { auth: hangingFetch() },
    );
    const started = Date.now();
    const response = await callLedger(
      ledger,
      'GET',
      '/v1/organizations',
      person.tokens.accessToken,
    );
    expect(response.status).toBe(503);
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

describe('health (COMPAT.md: GET /health answers `healthy`)', () => {
  it('is true against the real auth function and false when it cannot be reached', async () => {
    const up = createLibAuth(
      { PLUGIN_AUTH_ADDRESS: AUTH_ADDRESS },
      { fetch: authFetch().fetch, log: quietLog },
    );
    expect(await up.health()).toBe(true);
    const down = createLibAuth(
      { PLUGIN_AUTH_ADDRESS: AUTH_ADDRESS },
      { fetch: unreachableFetch().fetch, log: quietLog },
    );
    expect(await down.health()).toBe(false);
  });
});
