import { describe, expect, it } from 'vitest';
import { LibAuthError, createLibAuth } from '../../../shared/lib-auth/index.js';
import { introspect, AuthClient } from '../support/auth-client.js';
import { createApplication } from '../support/fixtures.js';
import { authFetch, unreachableFetch, type RecordingFetch } from './support/auth-fetch.js';
import { AUTH_ADDRESS, manualClock, quietLog } from './support/ledger.js';

const TOKEN_PATH = '/v1/login/oauth/access_token';

/** A lib-auth used only for application tokens (it needs no PLUGIN_AUTH_ENABLED). */
function tokenLib(auth: RecordingFetch = authFetch(), vars: Record<string, string> = {}) {
  const clock = manualClock();
  const lib = createLibAuth(
    { PLUGIN_AUTH_ADDRESS: AUTH_ADDRESS, ...vars },
    { fetch: auth.fetch, now: clock.now, log: quietLog },
  );
  return { lib, auth, clock };
}

async function failure(work: Promise<unknown>): Promise<LibAuthError> {
  const error = await work.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(LibAuthError);
  return error as LibAuthError;
}

describe('getApplicationToken (COMPAT.md: client_credentials, camelCase JSON)', () => {
  it('returns a working token and reuses it: the second call sends nothing', async () => {
    const app = await createApplication();
    const { lib, auth } = tokenLib();

    const first = await lib.getApplicationToken(app.clientId, app.clientSecret);
    const second = await lib.getApplicationToken(app.clientId, app.clientSecret);
    expect(second).toBe(first);
    expect(auth.count(TOKEN_PATH)).toBe(1);
    expect(await introspect(new AuthClient(), first)).toMatchObject({ active: true });
  });

  it('shares one request among concurrent callers', async () => {
    const app = await createApplication();
    const { lib, auth } = tokenLib();

    const tokens = await Promise.all(
      Array.from({ length: 5 }, () => lib.getApplicationToken(app.clientId, app.clientSecret)),
    );
    expect(new Set(tokens).size).toBe(1);
    expect(auth.count(TOKEN_PATH)).toBe(1);
  });

  it('renews the token 60 s before it expires', async () => {
    const app = await createApplication();
    const { lib, auth, clock } = tokenLib();

    const first = await lib.getApplicationToken(app.clientId, app.clientSecret);
    const lifetimeMs = ((await introspectExp(first)) - Math.floor(clock.now() / 1000)) * 1000;
    clock.advance(lifetimeMs - 61_000);
    expect(await lib.getApplicationToken(app.clientId, app.clientSecret)).toBe(first);
    clock.advance(2_000);
    const renewed = await lib.getApplicationToken(app.clientId, app.clientSecret);
    expect(renewed).not.toBe(first);
    expect(auth.count(TOKEN_PATH)).toBe(2);
  });

  it('takes the margin from PLUGIN_AUTH_TOKEN_RENEW_MARGIN_SECONDS', async () => {
    const app = await createApplication();
    const { lib, auth } = tokenLib(authFetch(), {
      PLUGIN_AUTH_TOKEN_RENEW_MARGIN_SECONDS: '86400',
    });
    await lib.getApplicationToken(app.clientId, app.clientSecret);
    await lib.getApplicationToken(app.clientId, app.clientSecret);
    expect(auth.count(TOKEN_PATH)).toBe(2);
  });

  it('caches per credentials: another secret never gets the cached token', async () => {
    const app = await createApplication();
    const { lib, auth } = tokenLib();
    await lib.getApplicationToken(app.clientId, app.clientSecret);

    const error = await failure(lib.getApplicationToken(app.clientId, 'not-the-secret'));
    expect(error).toMatchObject({ kind: 'rejected', status: 401, code: 'AUT-1004' });
    expect(auth.count(TOKEN_PATH)).toBe(2);
  });

  it('caches no refusal: the right secret works after a wrong one', async () => {
    const app = await createApplication();
    const { lib } = tokenLib();
    await failure(lib.getApplicationToken(app.clientId, 'not-the-secret'));
    await expect(lib.getApplicationToken(app.clientId, app.clientSecret)).resolves.toMatch(/\./);
  });

  it('reports auth unreachable as an `unavailable` LibAuthError', async () => {
    const { lib } = tokenLib(unreachableFetch());
    const error = await failure(lib.getApplicationToken('client', 'secret'));
    expect(error.kind).toBe('unavailable');
  });

  it('needs PLUGIN_AUTH_ADDRESS', async () => {
    const lib = createLibAuth({}, { log: quietLog });
    const error = await failure(lib.getApplicationToken('client', 'secret'));
    expect(error.kind).toBe('not_configured');
  });
});

async function introspectExp(token: string): Promise<number> {
  const body = await introspect(new AuthClient(), token);
  if (typeof body.exp !== 'number') {
    throw new Error('introspection shows no exp');
  }
  return body.exp;
}
