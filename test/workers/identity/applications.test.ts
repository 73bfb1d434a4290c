import { beforeAll, describe, expect, it } from 'vitest';
import { AuthClient, introspect } from '../support/auth-client.js';
import { unique } from '../support/fixtures.js';
import { actorWith, admin, identity } from './support/actors.js';
import {
  expectError,
  expectJson,
  expectNoContent,
  IdentityClient,
} from './support/identity-client.js';

interface Application {
  id: string;
  name: string;
  description: string;
  clientId: string;
  clientSecret?: string;
  roles: string[];
  createdAt: string;
}

let api: IdentityClient;

beforeAll(async () => {
  api = await admin();
});

async function createApp(client: IdentityClient, name = unique('svc')) {
  const response = await client.post('/v1/applications', { name, description: 'test service' });
  expect(response.headers.get('Cache-Control')).toBe('no-store');
  return expectJson<Application & { clientSecret: string }>(response, 201);
}

describe('POST /v1/applications', () => {
  it('answers 201 with a client id and a secret shown once, never stored or shown again', async () => {
    const app = await createApp(api);
    expect(app).toMatchObject({
      id: expect.any(String),
      description: 'test service',
      clientId: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/),
      clientSecret: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      createdAt: expect.any(String),
    });

    const shown = await expectJson<Application>(await api.get(`/v1/applications/${app.id}`), 200);
    expect(shown).not.toHaveProperty('clientSecret');
    const listed = await api.get(`/v1/applications?name=${app.name}`);
    const text = await listed.text();
    expect(text).toContain(app.clientId);
    expect(text).not.toContain(app.clientSecret);
    expect(text).not.toContain('clientSecret');

    const tokens = await new AuthClient().clientCredentials(app.clientId, app.clientSecret);
    expect(tokens.refreshToken).toBeUndefined();
  });

  it('gives an application named after a product that product’s editor role', async () => {
    expect((await createApp(api, 'midaz')).roles).toEqual(['midaz-editor-role']);
    expect((await createApp(api, 'plugin-crm')).roles).toEqual(['plugin-crm-editor-role']);
    expect((await createApp(api)).roles).toEqual([]);
  });

  it('never more than the caller holds: a viewer creates a viewer-level application', async () => {
    const viewerGrants = ['get', 'head'].flatMap((action) =>
      ['account-types', 'operation-routes', 'transaction-routes'].map((resource) => ({
        product: 'routing',
        resource,
        action,
      })),
    );
    const creator = await actorWith(api, [...identity('applications', 'post'), ...viewerGrants]);
    expect((await createApp(creator.api, 'routing')).roles).toEqual(['routing-viewer-role']);
    expect((await createApp(creator.api, 'midaz')).roles).toEqual([]);
  });

  it('refuses bad bodies', async () => {
    await expectError(await api.post('/v1/applications', {}), 400, 'IDE-0001');
    await expectError(await api.post('/v1/applications', { name: 'a b' }), 400, 'IDE-0002');
    const extra = { name: unique('svc'), clientSecret: 'mine' };
    await expectError(await api.post('/v1/applications', extra), 400, 'IDE-0004');
  });
});

describe('GET and DELETE /v1/applications/{id}', () => {
  it("an application may read itself with its own token, and nobody else's", async () => {
    const app = await createApp(api);
    const other = await createApp(api);
    const tokens = await new AuthClient().clientCredentials(app.clientId, app.clientSecret);
    const self = new IdentityClient(tokens.accessToken);

    expect((await self.get(`/v1/applications/${app.id}`)).status).toBe(200);
    await expectError(await self.get(`/v1/applications/${other.id}`), 403, 'IDE-0403');
  });

  it("a deleted application's client_credentials token is inactive at once", async () => {
    const app = await createApp(api);
    const auth = new AuthClient();
    const tokens = await auth.clientCredentials(app.clientId, app.clientSecret);
    const self = new IdentityClient(tokens.accessToken);
    expect(await introspect(auth, tokens.accessToken)).toMatchObject({ active: true });

    await expectNoContent(await api.delete(`/v1/applications/${app.id}`));

    expect(await introspect(auth, tokens.accessToken)).toEqual({ active: false });
    await expectError(await self.get(`/v1/applications/${app.id}`), 401, 'IDE-0009');
    await expectError(await api.get(`/v1/applications/${app.id}`), 404, 'IDE-1001');
    const again = auth.clientCredentials(app.clientId, app.clientSecret);
    await expect(again).rejects.toThrow(/401/);
  });

  it('the seeded console application cannot be deleted, rotated or re-roled (IDE-0010)', async () => {
    const page = await expectJson<{ items: Application[] }>(
      await api.get('/v1/applications?name=console'),
      200,
    );
    const consoleApp = page.items.find((app) => app.name === 'console');
    expect(consoleApp).toBeDefined();
    const path = `/v1/applications/${consoleApp?.id}`;
    await expectError(await api.delete(path), 400, 'IDE-0010');
    await expectError(await api.post(`${path}/secrets`), 400, 'IDE-0010');
    await expectError(await api.put(`${path}/roles`, { roles: [] }), 400, 'IDE-0010');
  });
});

describe('POST /v1/applications/{id}/secrets (rotation)', () => {
  it('shows a new secret once; the old one keeps working during the overlap', async () => {
    const app = await createApp(api);
    const response = await api.post(`/v1/applications/${app.id}/secrets`);
    expect(response.headers.get('Cache-Control')).toBe('no-store');
    const rotated = await expectJson<{ clientSecret: string; previousSecretsExpireAt: string }>(
      response,
      201,
    );
    expect(rotated.clientSecret).not.toBe(app.clientSecret);
    const overlapMs = Date.parse(rotated.previousSecretsExpireAt) - Date.now();
    expect(overlapMs).toBeGreaterThan(23 * 3600 * 1000);

    await new AuthClient().clientCredentials(app.clientId, app.clientSecret);
    await new AuthClient().clientCredentials(app.clientId, rotated.clientSecret);
  });

  it('the old secret stops working once the overlap has ended', async () => {
    const app = await createApp(api);
    // The overlap is configuration: a zero overlap ends it at the rotation itself.
    const noOverlap = new IdentityClient(api.token, api.ip, {
      SECRET_ROTATION_OVERLAP_SECONDS: '0',
    });
    const rotated = await expectJson<{ clientSecret: string }>(
      await noOverlap.post(`/v1/applications/${app.id}/secrets`),
      201,
    );

    const old = new AuthClient().clientCredentials(app.clientId, app.clientSecret);
    await expect(old).rejects.toThrow(/401/);
    await new AuthClient().clientCredentials(app.clientId, rotated.clientSecret);
  });

  it('a second rotation never extends the first overlap', async () => {
    const app = await createApp(api);
    const noOverlap = new IdentityClient(api.token, api.ip, {
      SECRET_ROTATION_OVERLAP_SECONDS: '0',
    });
    await expectJson(await noOverlap.post(`/v1/applications/${app.id}/secrets`), 201);
    await expectJson(await api.post(`/v1/applications/${app.id}/secrets`), 201);

    const first = new AuthClient().clientCredentials(app.clientId, app.clientSecret);
    await expect(first).rejects.toThrow(/401/);
  });
});

describe('PUT /v1/applications/{id}/roles', () => {
  it('sets the roles by name or id; the token then carries their permissions', async () => {
    const app = await createApp(api);
    const roles = await expectJson<{ items: { id: string; name: string }[] }>(
      await api.get('/v1/roles?name=plugin-identity-viewer-role'),
      200,
    );
    const viewerId = roles.items[0]?.id ?? '';

    const response = await api.put(`/v1/applications/${app.id}/roles`, { roles: [viewerId] });
    expect((await expectJson<Application>(response, 200)).roles).toEqual([
      'plugin-identity-viewer-role',
    ]);

    const tokens = await new AuthClient().clientCredentials(app.clientId, app.clientSecret);
    const client = new IdentityClient(tokens.accessToken);
    expect((await client.get('/v1/users?limit=1')).status).toBe(200);
    await expectError(await client.delete(`/v1/users/${crypto.randomUUID()}`), 403, 'IDE-0403');

    const byName = await api.put(`/v1/applications/${app.id}/roles`, { roles: [] });
    expect((await expectJson<Application>(byName, 200)).roles).toEqual([]);
  });

  it('refuses roles the caller does not hold (403) and unknown roles (404 IDE-1007)', async () => {
    const manager = await actorWith(api, identity('applications', 'post', 'put'));
    const app = await createApp(manager.api);
    const escalation = await manager.api.put(`/v1/applications/${app.id}/roles`, {
      roles: ['midaz-editor-role'],
    });
    await expectError(escalation, 403, 'IDE-0403');

    const unknown = await api.put(`/v1/applications/${app.id}/roles`, { roles: ['nope-role'] });
    await expectError(unknown, 404, 'IDE-1007');
  });

  it('answers 404 IDE-1001 for an unknown application', async () => {
    const response = await api.put(`/v1/applications/${crypto.randomUUID()}/roles`, { roles: [] });
    await expectError(response, 404, 'IDE-1001');
  });
});
