import { env } from 'cloudflare:workers';
import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import { randomIp } from '../support/auth-client.js';
import { call } from '../support/call.js';
import { createApplication, createUser } from '../support/fixtures.js';

/**
 * Requests replayed as the ledger's existing clients send them (COMPAT.md), byte for byte
 * where it matters: the Go lib-auth v2, the console, the SDKs.
 */
const json = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/json', 'CF-Connecting-IP': randomIp(), ...headers },
  body: JSON.stringify(body),
});

/** The console's password sign-in body, in the order the console sends its fields. */
const consoleSignIn = (user: { username: string; password: string }) => ({
  username: user.username,
  password: user.password,
  clientId: env.TEST_CONSOLE_CLIENT_ID,
  clientSecret: env.TEST_CONSOLE_CLIENT_SECRET,
  grantType: 'password',
});

describe('the Go lib-auth v2', () => {
  it('GET /health answers exactly `healthy`', async () => {
    const response = await call('auth', '/health');
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('healthy');
  });

  it('POST /v1/authorize with the raw token and "<owner>/<sub>": 200 and an RFC 3339 timestamp', async () => {
    const user = await createUser({ groups: ['midaz-viewer-group'] });
    const signIn = await call('auth', '/v1/login/oauth/access_token', json(consoleSignIn(user)));
    const { accessToken } = await signIn.json<{ accessToken: string }>();
    // The middleware decodes the token without verifying it and builds the subject.
    const claims = decodeJwt(accessToken);
    expect(claims.type).toBe('normal-user');
    const sub = `${String(claims.owner)}/${String(claims.sub)}`;

    const ask = (action: string) =>
      call('auth', '/v1/authorize', {
        method: 'POST',
        headers: { Authorization: accessToken, 'Content-Type': 'application/json' },
        body: JSON.stringify({ sub, resource: 'accounts', action, product: 'midaz' }),
      });
    const allowed = await ask('get');
    expect(allowed.status).toBe(200);
    const body = await allowed.json<{ authorized: boolean; timestamp: string }>();
    expect(body.authorized).toBe(true);
    expect(body.timestamp).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);

    const denied = await ask('post');
    expect(denied.status).toBe(200);
    expect((await denied.json<{ authorized: boolean }>()).authorized).toBe(false);
  });

  it('an auth error reaches the Go client as a JSON object with code, title and message', async () => {
    const response = await call('auth', '/v1/authorize', {
      method: 'POST',
      headers: { Authorization: 'garbage', 'Content-Type': 'application/json' },
      body: JSON.stringify({
        sub: 'lerian/x',
        resource: 'accounts',
        action: 'get',
        product: 'midaz',
      }),
    });
    expect(response.status).toBe(401);
    const body = await response.json<Record<string, string>>();
    expect(Object.keys(body).sort()).toEqual(['code', 'message', 'title']);
    expect(body.code).toBe('AUT-0007');
  });

  it('GetApplicationToken: client_credentials in camelCase JSON, reading accessToken', async () => {
    const app = await createApplication();
    const response = await call(
      'auth',
      '/v1/login/oauth/access_token',
      json({
        grantType: 'client_credentials',
        clientId: app.clientId,
        clientSecret: app.clientSecret,
      }),
    );
    expect(response.status).toBe(200);
    const body = await response.json<Record<string, unknown>>();
    expect(typeof body.accessToken).toBe('string');
    expect(body.tokenType).toBe('Bearer');
    expect(body.expiresIn).toBe(3600);
    expect(decodeJwt(String(body.accessToken)).type).toBe('application');
  });
});

describe('the ledger console', () => {
  it('signs in with camelCase JSON and X-Request-Id, then reads /v1/permissions/ (trailing slash)', async () => {
    const user = await createUser({ groups: ['midaz-contributor-group'] });
    const signIn = await call(
      'auth',
      '/v1/login/oauth/access_token',
      json(consoleSignIn(user), { 'X-Request-Id': 'console-7f3a' }),
    );
    expect(signIn.status).toBe(200);
    expect(signIn.headers.get('X-Request-Id')).toBe('console-7f3a');
    const tokens = await signIn.json<Record<string, string>>();
    expect(tokens.accessToken && tokens.refreshToken && tokens.idToken).toBeTruthy();
    const claims = decodeJwt(tokens.accessToken ?? '');
    expect(claims).toMatchObject({ sub: user.id, name: user.username, displayName: user.username });

    const permissions = await call('auth', '/v1/permissions/', {
      headers: { Authorization: tokens.accessToken ?? '' },
    });
    expect(permissions.status).toBe(200);
    const map = await permissions.json<Record<string, string[]>>();
    expect(map.accounts).toEqual(['get', 'head', 'patch', 'post']);
  });

  it('logs out with a form-encoded id_token_hint and gets 204 with no body', async () => {
    const user = await createUser();
    const signIn = await call('auth', '/v1/login/oauth/access_token', json(consoleSignIn(user)));
    const { idToken } = await signIn.json<{ idToken: string }>();
    const response = await call('auth', '/v1/logout', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: `id_token_hint=${encodeURIComponent(idToken)}`,
    });
    expect(response.status).toBe(204);
    expect(await response.text()).toBe('');
  });
});
