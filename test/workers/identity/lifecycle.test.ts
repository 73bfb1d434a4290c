import { beforeAll, describe, expect, it } from 'vitest';
import { AuthClient } from '../support/auth-client.js';
import { actorWith, admin, identity, newUser } from './support/actors.js';
import { expectError, expectNoContent, type IdentityClient } from './support/identity-client.js';

let api: IdentityClient;

beforeAll(async () => {
  api = await admin();
});

describe('POST /v1/users/{id}/block and /unblock', () => {
  it('a blocked user loses its tokens and refresh, cannot sign in; unblocked, it can', async () => {
    const person = await newUser(api);
    const refreshToken = person.tokens.refreshToken ?? '';

    await expectNoContent(await api.post(`/v1/users/${person.id}/block`));

    await expectError(await person.api.get(`/v1/users/${person.id}`), 401, 'IDE-0009');
    expect((await new AuthClient().refresh(refreshToken)).status).toBe(401);
    const signIn = new AuthClient().passwordGrant(person.username, person.password);
    await expect(signIn).rejects.toThrow(/401/);
    const shown = await api.get(`/v1/users/${person.id}`);
    expect(await shown.json()).toMatchObject({ blocked: true });

    await expectNoContent(await api.post(`/v1/users/${person.id}/unblock`));

    const tokens = await new AuthClient().passwordGrant(person.username, person.password);
    expect(tokens.accessToken).toEqual(expect.any(String));
    // Revoked sessions stay revoked: unblocking revives nothing.
    expect((await new AuthClient().refresh(refreshToken)).status).toBe(401);
  });

  it('is idempotent and audited once', async () => {
    const person = await newUser(api);
    await expectNoContent(await api.post(`/v1/users/${person.id}/block`));
    await expectNoContent(await api.post(`/v1/users/${person.id}/block`));

    const events = await api.get(`/v1/audit-events?action=user.blocked&targetId=${person.id}`);
    expect(await events.json()).toMatchObject({ total: 1 });
  });

  it('nobody blocks itself, nor someone holding more than it holds', async () => {
    const manager = await actorWith(api, identity('users', 'get', 'post'));
    await expectError(await manager.api.post(`/v1/users/${manager.id}/block`), 403, 'IDE-0403');

    const admins = await api.get('/v1/users?group=admin-group');
    const { items } = (await admins.json()) as { items: { id: string }[] };
    const adminId = items[0]?.id ?? '';
    await expectError(await manager.api.post(`/v1/users/${adminId}/block`), 403, 'IDE-0403');
  });

  it('answers 404 IDE-1003 for an unknown user and 400 IDE-0003 for a bad id', async () => {
    await expectError(await api.post(`/v1/users/${crypto.randomUUID()}/block`), 404, 'IDE-1003');
    await expectError(await api.post('/v1/users/123/unblock'), 400, 'IDE-0003');
  });
});

describe('POST /v1/users/{id}/logout', () => {
  it('revokes every session of the user; signing in again works', async () => {
    const person = await newUser(api);
    const second = await new AuthClient().passwordGrant(person.username, person.password);

    await expectNoContent(await api.post(`/v1/users/${person.id}/logout`));

    await expectError(await person.api.get(`/v1/users/${person.id}`), 401, 'IDE-0009');
    expect((await new AuthClient().refresh(second.refreshToken ?? '')).status).toBe(401);
    await new AuthClient().passwordGrant(person.username, person.password);
  });
});
