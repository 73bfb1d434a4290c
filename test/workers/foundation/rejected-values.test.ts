import { describe, expect, it } from 'vitest';
import { IdentityClient } from '../identity/support/identity-client.js';
import { AuthClient, basic, consoleClient, signInAsAdmin } from '../support/auth-client.js';

// Regressions from a newcomer's probing: values Postgres cannot store were 500s.
describe('values Postgres cannot take are 400s, never 500s', () => {
  it('a NUL in a form client_id or username on /oauth/token', async () => {
    const client = new AuthClient();
    const clientId = await client.form('/oauth/token', {
      grant_type: 'client_credentials',
      client_id: 'a\u0000',
      client_secret: 'b',
    });
    expect(clientId.status).toBe(400);
    const { clientId: id, clientSecret } = consoleClient();
    const username = await client.form(
      '/oauth/token',
      { grant_type: 'password', username: 'ad\u0000min', password: 'whatever-long-enough' },
      { Authorization: basic(id, clientSecret) },
    );
    expect(username.status).toBe(400);
  });

  it('a NUL in HTTP Basic credentials is invalid_client', async () => {
    const response = await new AuthClient().form(
      '/oauth/token',
      { grant_type: 'client_credentials' },
      { Authorization: basic('a\u0000', 'b') },
    );
    expect(response.status).toBe(401);
  });

  it('a NUL in compat JSON fields', async () => {
    const response = await new AuthClient().compat('/v1/login/oauth/access_token', {
      grantType: 'client_credentials',
      clientId: 'x\u0000',
      clientSecret: 'y',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 'AUT-0001' });
  });

  it('a NUL in identity list filters, and a year-0 audit date', async () => {
    const admin = new IdentityClient((await signInAsAdmin()).accessToken);
    for (const path of [
      '/v1/users?username=%00',
      '/v1/users?email=a%00',
      '/v1/groups?name=a%00',
      '/v1/audit-events?from=0000-01-01T00:00:00Z',
    ]) {
      const response = await admin.get(path);
      expect(response.status, path).toBeGreaterThanOrEqual(400);
      expect(response.status, path).toBeLessThan(500);
    }
  });
});
