import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import {
  AuthClient,
  basic,
  consoleClient,
  expectTokens,
  introspect,
} from '../support/auth-client.js';
import { call } from '../support/call.js';
import { createApplication, createUser, deleteApplication } from '../support/fixtures.js';

const revoke = (
  client: AuthClient,
  token: string,
  credentials?: { clientId: string; clientSecret: string },
) =>
  client.form(
    '/oauth/revoke',
    { token },
    credentials ? { Authorization: basic(credentials.clientId, credentials.clientSecret) } : {},
  );

describe('RFC 7009 revocation', () => {
  it('a client revokes its own refresh token: the session ends (refresh and access refused)', async () => {
    const user = await createUser();
    const client = new AuthClient();
    const tokens = await client.passwordGrant(user.username, user.password);

    const response = await revoke(client, tokens.refreshToken ?? '', consoleClient());
    expect(response.status).toBe(200);
    expect((await client.refresh(tokens.refreshToken ?? '')).status).toBe(401);
    expect(await introspect(client, tokens.accessToken)).toEqual({ active: false });
  });

  it("client B revoking client A's token leaves it active", async () => {
    const a = await createApplication();
    const b = await createApplication();
    const client = new AuthClient();
    const tokens = await client.clientCredentials(a.clientId, a.clientSecret);

    const response = await revoke(client, tokens.accessToken, b);
    expect(response.status).toBe(200);
    expect(await introspect(client, tokens.accessToken)).toMatchObject({ active: true });
  });

  it('an application revokes its own access token: inactive at once', async () => {
    const app = await createApplication();
    const client = new AuthClient();
    const tokens = await client.clientCredentials(app.clientId, app.clientSecret);

    expect((await revoke(client, tokens.accessToken, app)).status).toBe(200);
    expect(await introspect(client, tokens.accessToken)).toEqual({ active: false });
  });

  it('an unauthenticated revoke is 401 invalid_client', async () => {
    const response = await revoke(new AuthClient(), 'anything');
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: 'invalid_client' });
  });

  it('an unknown token is a 200', async () => {
    const response = await revoke(new AuthClient(), 'no-such-token', consoleClient());
    expect(response.status).toBe(200);
  });

  it('a storage failure is a 503, never a false 200', async () => {
    const client = new AuthClient(undefined, { DATABASE_WS_PROXY: '127.0.0.1:9' });
    const response = await revoke(client, 'whatever-token', consoleClient());
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ error: 'temporarily_unavailable' });
  });
});

describe('RFC 7662 introspection', () => {
  it('an active access token shows its claims', async () => {
    const user = await createUser();
    const client = new AuthClient();
    const tokens = await client.passwordGrant(user.username, user.password);
    const body = await introspect(client, tokens.accessToken);
    expect(body).toMatchObject({
      active: true,
      token_type: 'Bearer',
      sub: user.id,
      username: user.username,
      client_id: env.TEST_CONSOLE_CLIENT_ID,
      type: 'normal-user',
    });
  });

  it('a refresh token is active only to the client it was issued to', async () => {
    const user = await createUser();
    const other = await createApplication();
    const client = new AuthClient();
    const tokens = await client.passwordGrant(user.username, user.password);
    const mine = await introspect(client, tokens.refreshToken ?? '');
    expect(mine).toMatchObject({ active: true, token_type: 'refresh_token', sub: user.id });
    expect(await introspect(client, tokens.refreshToken ?? '', other)).toEqual({ active: false });
  });

  it('the caller must authenticate', async () => {
    const response = await new AuthClient().form('/oauth/introspect', { token: 'x' });
    expect(response.status).toBe(401);
  });

  it('a deleted application’s token is inactive at once', async () => {
    const app = await createApplication();
    const client = new AuthClient();
    const tokens = await client.clientCredentials(app.clientId, app.clientSecret);
    expect(await introspect(client, tokens.accessToken)).toMatchObject({ active: true });
    await deleteApplication(app.id);
    expect(await introspect(client, tokens.accessToken)).toEqual({ active: false });
  });
});

describe('compat logout (id_token_hint)', () => {
  const logout = (hint: string) =>
    call('auth', '/v1/logout', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ id_token_hint: hint }).toString(),
    });

  it('an ID token ends its session: 204, then refresh and access are refused', async () => {
    const user = await createUser();
    const client = new AuthClient();
    const tokens = await client.passwordGrant(user.username, user.password);

    const response = await logout(tokens.idToken ?? '');
    expect(response.status).toBe(204);
    expect(await response.text()).toBe('');
    expect((await client.refresh(tokens.refreshToken ?? '')).status).toBe(401);
    expect(await introspect(client, tokens.accessToken)).toEqual({ active: false });
  });

  it('a refresh token as the hint ends its session too', async () => {
    const user = await createUser();
    const client = new AuthClient();
    const tokens = await client.passwordGrant(user.username, user.password);
    expect((await logout(tokens.refreshToken ?? '')).status).toBe(204);
    expect((await client.refresh(tokens.refreshToken ?? '')).status).toBe(401);
  });

  it('an unknown hint is still 204; a missing one is 400 AUT-0001', async () => {
    expect((await logout('not-a-token')).status).toBe(204);
    const missing = await call('auth', '/v1/logout', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: '',
    });
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({ code: 'AUT-0001' });
  });

  it('other sessions of the same person stay live', async () => {
    const user = await createUser();
    const client = new AuthClient();
    const first = await client.passwordGrant(user.username, user.password);
    const second = await client.passwordGrant(user.username, user.password);
    await logout(first.idToken ?? '');
    await expectTokens(await client.refresh(second.refreshToken ?? ''));
  });
});

describe('userinfo', () => {
  it('answers the compat shape for a person', async () => {
    const user = await createUser();
    const tokens = await new AuthClient().passwordGrant(user.username, user.password);
    const response = await call('auth', '/v1/userinfo', {
      headers: { Authorization: `Bearer ${tokens.accessToken}` },
    });
    expect(await response.json()).toEqual({
      sub: user.id,
      name: user.username,
      preferredUsername: user.username,
      email: `${user.username}@example.com`,
      emailVerified: false,
    });
  });

  it('refuses an application token', async () => {
    const app = await createApplication();
    const tokens = await new AuthClient().clientCredentials(app.clientId, app.clientSecret);
    const response = await call('auth', '/v1/userinfo', {
      headers: { Authorization: `Bearer ${tokens.accessToken}` },
    });
    expect(response.status).toBe(401);
  });
});
