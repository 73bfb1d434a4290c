import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { AuthClient, basic, consoleClient } from '../support/auth-client.js';
import { call } from '../support/call.js';
import { createApplication, createUser } from '../support/fixtures.js';

const form = (client: AuthClient, params: Record<string, string>, headers = {}) =>
  client.form('/oauth/token', params, headers);

describe('token endpoint request handling (RFC 6749 §3.2, §2.3)', () => {
  it('grant_type given twice → invalid_request', async () => {
    const client = new AuthClient();
    // A record cannot repeat a key: send the raw body.
    const response = await fetchRaw(client, 'grant_type=client_credentials&grant_type=password');
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'invalid_request' });
  });

  it('missing grant_type → invalid_request; unknown → unsupported_grant_type', async () => {
    const client = new AuthClient();
    const missing = await form(client, { client_id: 'x' });
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({ error: 'invalid_request' });

    const unknown = await form(client, { grant_type: 'authorization_code' });
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({ error: 'unsupported_grant_type' });
  });

  it('HTTP Basic plus a client_secret in the body → invalid_request', async () => {
    const app = await createApplication();
    const response = await form(
      new AuthClient(),
      { grant_type: 'client_credentials', client_secret: app.clientSecret },
      { Authorization: basic(app.clientId, app.clientSecret) },
    );
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'invalid_request' });
  });

  it('a secret containing ":" works through HTTP Basic', async () => {
    const app = await createApplication({ secret: `with:colons:${crypto.randomUUID()}` });
    const response = await form(
      new AuthClient(),
      { grant_type: 'client_credentials' },
      { Authorization: basic(app.clientId, app.clientSecret) },
    );
    expect(response.status).toBe(200);
    const body = await response.json<Record<string, unknown>>();
    expect(body.token_type).toBe('Bearer');
    expect(body.refresh_token).toBeUndefined();
  });

  it('an unknown client → 401 invalid_client with WWW-Authenticate', async () => {
    const response = await form(
      new AuthClient(),
      { grant_type: 'client_credentials' },
      { Authorization: basic('nobody', 'nothing-at-all') },
    );
    expect(response.status).toBe(401);
    expect(response.headers.get('WWW-Authenticate')).toMatch(/^Basic /);
    expect(await response.json()).toMatchObject({ error: 'invalid_client' });
  });

  it('a wrong client secret → invalid_client (compat AUT-1004)', async () => {
    const app = await createApplication();
    const response = await new AuthClient().compat('/v1/login/oauth/access_token', {
      grantType: 'client_credentials',
      clientId: app.clientId,
      clientSecret: 'wrong-secret-wrong-secret-wrong',
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ code: 'AUT-1004' });
  });

  it('RFC responses carry Cache-Control: no-store and Pragma: no-cache', async () => {
    const app = await createApplication();
    const client = new AuthClient();
    const ok = await form(client, {
      grant_type: 'client_credentials',
      client_id: app.clientId,
      client_secret: app.clientSecret,
    });
    const bad = await form(client, { grant_type: 'nope' });
    for (const response of [ok, bad]) {
      expect(response.headers.get('Cache-Control')).toBe('no-store');
      expect(response.headers.get('Pragma')).toBe('no-cache');
    }
  });

  it('the password grant is only for first-party clients (AUT-1001)', async () => {
    const app = await createApplication({ firstParty: false });
    const user = await createUser();
    const response = await new AuthClient().compat('/v1/login/oauth/access_token', {
      grantType: 'password',
      username: user.username,
      password: user.password,
      clientId: app.clientId,
      clientSecret: app.clientSecret,
    });
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ code: 'AUT-1001' });

    const rfc = await form(new AuthClient(), {
      grant_type: 'password',
      username: user.username,
      password: user.password,
      client_id: app.clientId,
      client_secret: app.clientSecret,
    });
    expect(rfc.status).toBe(400);
    expect(await rfc.json()).toMatchObject({ error: 'unauthorized_client' });
  });

  it('client_credentials through the compat route, as the SDK calls it', async () => {
    const app = await createApplication();
    const tokens = await new AuthClient().clientCredentials(app.clientId, app.clientSecret);
    expect(tokens.tokenType).toBe('Bearer');
    expect(tokens.refreshToken).toBeUndefined();
  });

  it('the RFC password grant answers snake_case with a refresh and an ID token', async () => {
    const user = await createUser();
    const { clientId, clientSecret } = consoleClient();
    const response = await form(
      new AuthClient(),
      { grant_type: 'password', username: user.username, password: user.password },
      { Authorization: basic(clientId, clientSecret) },
    );
    const body = await response.json<Record<string, unknown>>();
    expect(response.status).toBe(200);
    expect(Object.keys(body).sort()).toEqual(
      ['access_token', 'expires_in', 'id_token', 'refresh_token', 'scope', 'token_type'].sort(),
    );
    expect(env.TEST_CONSOLE_CLIENT_ID).toBe(clientId);
  });

  it('rotating X-Forwarded-For does not reset the rate limit', async () => {
    const app = await createApplication();
    const client = new AuthClient();
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const response = await client.compat(
        '/v1/login/oauth/access_token',
        { grantType: 'client_credentials', clientId: app.clientId, clientSecret: app.clientSecret },
        { 'X-Forwarded-For': `203.0.113.${i}` },
      );
      statuses.push(response.status);
      if (response.status === 429) {
        expect(Number(response.headers.get('Retry-After'))).toBeGreaterThan(0);
      }
    }
    expect(statuses.slice(0, 10).every((s) => s === 200)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
  });

  it('malformed JSON on a compat route is a 400, never a 500', async () => {
    const broken = await rawCompat('{"grantType": "password",');
    expect(broken.status).toBe(400);
  });
});

function fetchRaw(client: AuthClient, body: string): Promise<Response> {
  return call('auth', '/oauth/token', {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      'CF-Connecting-IP': client.ip,
    },
    body,
  });
}

function rawCompat(body: string): Promise<Response> {
  return call('auth', '/v1/login/oauth/access_token', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body,
  });
}
