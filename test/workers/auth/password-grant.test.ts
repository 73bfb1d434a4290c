import { env } from 'cloudflare:workers';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { describe, expect, it } from 'vitest';
import { AuthClient, consoleClient, signInAsAdmin } from '../support/auth-client.js';

describe('password grant (compat, the console sign-in)', () => {
  it('answers camelCase tokens with the compat claims the console decodes', async () => {
    const tokens = await signInAsAdmin();
    expect(tokens.tokenType).toBe('Bearer');
    expect(tokens.expiresIn).toBe(3600);
    expect(tokens.refreshToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(tokens.idToken).toBeTruthy();

    const header = decodeProtectedHeader(tokens.accessToken);
    expect(header).toMatchObject({ typ: 'at+jwt', alg: 'ES256' });
    const claims = decodeJwt(tokens.accessToken);
    expect(claims).toMatchObject({
      iss: 'http://127.0.0.1:4000',
      type: 'normal-user',
      owner: 'lerian',
      name: 'admin',
      client_id: env.TEST_CONSOLE_CLIENT_ID,
      azp: env.TEST_CONSOLE_CLIENT_ID,
    });
    expect(claims.sub).toMatch(/^[0-9a-f-]{36}$/);
    expect(claims.sid).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('carries Cache-Control: no-store and Pragma: no-cache, on success and on error', async () => {
    const client = new AuthClient();
    const ok = await client.compat('/v1/login/oauth/access_token', {
      grantType: 'password',
      username: 'admin',
      password: env.TEST_ADMIN_PASSWORD,
      ...consoleClient(),
    });
    const bad = await client.compat('/v1/login/oauth/access_token', { grantType: 'password' });
    for (const response of [ok, bad]) {
      expect(response.headers.get('Cache-Control')).toBe('no-store');
      expect(response.headers.get('Pragma')).toBe('no-cache');
    }
  });

  it('refuses a wrong password with 401 AUT-1002', async () => {
    const response = await new AuthClient().compat('/v1/login/oauth/access_token', {
      grantType: 'password',
      username: 'admin',
      password: 'definitely not the password',
      ...consoleClient(),
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ code: 'AUT-1002' });
  });

  it('refuses unexpected fields with AUT-0003', async () => {
    const response = await new AuthClient().compat('/v1/login/oauth/access_token', {
      grantType: 'password',
      username: 'admin',
      password: 'x'.repeat(20),
      surprise: true,
      ...consoleClient(),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 'AUT-0003' });
  });
});
