import { beforeAll, describe, expect, it } from 'vitest';
import { unique } from '../support/fixtures.js';
import { actorWith, admin, identity, newUser, type Grant } from './support/actors.js';
import {
  expectError,
  expectJson,
  expectNoContent,
  type IdentityClient,
} from './support/identity-client.js';

interface Group {
  id: string;
  name: string;
  builtin: boolean;
  roles: string[];
  members?: { id: string; username: string }[];
}

interface Role {
  id: string;
  name: string;
  builtin: boolean;
  permissions: Grant[];
}

let api: IdentityClient;

beforeAll(async () => {
  api = await admin();
});

async function seeded<T extends { id: string }>(kind: 'groups' | 'roles', name: string) {
  const page = await expectJson<{ items: T[] }>(await api.get(`/v1/${kind}?name=${name}`), 200);
  const found = page.items.find((item) => (item as { name?: string }).name === name);
  if (!found) {
    throw new Error(`${name} not seeded`);
  }
  return found;
}

describe('/v1/roles', () => {
  it('creates, reads, lists, changes and deletes a custom role', async () => {
    const name = unique('auditor-role');
    const permissions = identity('audit-events', 'get');
    const created = await expectJson<Role>(await api.post('/v1/roles', { name, permissions }), 201);
    expect(created).toMatchObject({ name, builtin: false, permissions });

    expect(await expectJson<Role>(await api.get(`/v1/roles/${created.id}`), 200)).toEqual(created);
    const listed = await expectJson<{ items: Role[] }>(
      await api.get(`/v1/roles?name=${name}`),
      200,
    );
    expect(listed.items).toEqual([created]);

    const wider = [...permissions, ...identity('users', 'get')];
    const patched = await api.patch(`/v1/roles/${created.id}`, { permissions: wider });
    expect((await expectJson<Role>(patched, 200)).permissions).toHaveLength(2);

    await expectNoContent(await api.delete(`/v1/roles/${created.id}`));
    await expectError(await api.get(`/v1/roles/${created.id}`), 404, 'IDE-1007');
  });

  it('refuses a duplicate name (case-insensitive) with 409 IDE-1008', async () => {
    const name = unique('dup-role');
    const permissions = identity('users', 'get');
    await expectJson(await api.post('/v1/roles', { name, permissions }), 201);
    const again = await api.post('/v1/roles', { name: name.toUpperCase(), permissions });
    await expectError(again, 409, 'IDE-1008');
  });

  it('refuses permissions outside the catalogue with 400 IDE-0002', async () => {
    const bad = [{ product: 'midaz', resource: 'users', action: 'get' }];
    await expectError(
      await api.post('/v1/roles', { name: unique('r'), permissions: bad }),
      400,
      'IDE-0002',
    );
    const verb = [{ product: 'midaz', resource: 'accounts', action: 'GETALL' }];
    await expectError(
      await api.post('/v1/roles', { name: unique('r'), permissions: verb }),
      400,
      'IDE-0002',
    );
    await expectError(
      await api.post('/v1/roles', { name: unique('r'), permissions: [] }),
      400,
      'IDE-0002',
    );
  });

  it('seeded roles are read-only (IDE-0010)', async () => {
    const role = await seeded<Role>('roles', 'midaz-viewer-role');
    expect(role.builtin).toBe(true);
    await expectError(
      await api.patch(`/v1/roles/${role.id}`, { description: 'x' }),
      400,
      'IDE-0010',
    );
    await expectError(await api.delete(`/v1/roles/${role.id}`), 400, 'IDE-0010');
  });

  it('a custom role with * cannot be created by someone who lacks *', async () => {
    const wildcard = [{ product: '*', resource: '*', action: '*' }];
    const response = await api.post('/v1/roles', {
      name: unique('god-role'),
      permissions: wildcard,
    });
    await expectError(response, 403, 'IDE-0403');

    const roleAdmin = await actorWith(api, identity('roles', 'post'));
    const midazAll = [{ product: 'midaz', resource: '*', action: '*' }];
    const escalation = await roleAdmin.api.post('/v1/roles', {
      name: unique('r'),
      permissions: midazAll,
    });
    await expectError(escalation, 403, 'IDE-0403');
    const own = await roleAdmin.api.post('/v1/roles', {
      name: unique('r'),
      permissions: identity('roles', 'post'),
    });
    await expectJson(own, 201);
  });

  it('nobody widens a role beyond what it holds', async () => {
    const roleAdmin = await actorWith(api, identity('roles', 'post', 'patch'));
    const name = unique('r');
    const role = await expectJson<Role>(
      await roleAdmin.api.post('/v1/roles', { name, permissions: identity('roles', 'post') }),
      201,
    );
    const wider = await roleAdmin.api.patch(`/v1/roles/${role.id}`, {
      permissions: identity('users', 'delete'),
    });
    await expectError(wider, 403, 'IDE-0403');
  });
});

describe('/v1/groups', () => {
  it('creates a group with roles, shows members, changes and deletes it', async () => {
    const name = unique('team');
    const created = await expectJson<Group>(
      await api.post('/v1/groups', { name, roles: ['midaz-viewer-role'] }),
      201,
    );
    expect(created).toMatchObject({
      name,
      builtin: false,
      roles: ['midaz-viewer-role'],
      members: [],
    });

    const person = await newUser(api, [name]);
    const shown = await expectJson<Group>(await api.get(`/v1/groups/${created.id}`), 200);
    expect(shown.members).toEqual([{ id: person.id, username: person.username }]);

    const renamed = unique('team');
    const patched = await api.patch(`/v1/groups/${created.id}`, {
      name: renamed,
      roles: ['midaz-contributor-role', 'routing-viewer-role'],
    });
    expect(await expectJson<Group>(patched, 200)).toMatchObject({
      name: renamed,
      roles: ['midaz-contributor-role', 'routing-viewer-role'],
    });
    const member = await expectJson<{ groups: string[] }>(
      await api.get(`/v1/users/${person.id}`),
      200,
    );
    expect(member.groups).toEqual([renamed]);

    await expectNoContent(await api.delete(`/v1/groups/${created.id}`));
    await expectError(await api.get(`/v1/groups/${created.id}`), 404, 'IDE-1006');
    const after = await expectJson<{ groups: string[] }>(
      await api.get(`/v1/users/${person.id}`),
      200,
    );
    expect(after.groups).toEqual([]);
  });

  it('lists groups with their roles', async () => {
    const page = await api.get('/v1/groups?name=admin-group');
    const { items } = await expectJson<{ items: Group[] }>(page, 200);
    expect(items[0]).toMatchObject({ name: 'admin-group', builtin: true });
    expect(items[0]?.roles).toContain('plugin-identity-editor-role');
  });

  it('seeded groups are read-only (IDE-0010)', async () => {
    const group = await seeded<Group>('groups', 'admin-group');
    await expectError(await api.patch(`/v1/groups/${group.id}`, { roles: [] }), 400, 'IDE-0010');
    await expectError(await api.delete(`/v1/groups/${group.id}`), 400, 'IDE-0010');
  });

  it('refuses unknown roles (404 IDE-1007) and taken names (409 IDE-1008)', async () => {
    await expectError(
      await api.post('/v1/groups', { name: unique('g'), roles: ['no-such-role'] }),
      404,
      'IDE-1007',
    );
    await expectError(await api.post('/v1/groups', { name: 'Admin-Group' }), 409, 'IDE-1008');
  });

  it('nobody builds a group of roles it does not hold', async () => {
    const groupAdmin = await actorWith(api, identity('groups', 'post'));
    const response = await groupAdmin.api.post('/v1/groups', {
      name: unique('g'),
      roles: ['plugin-identity-editor-role'],
    });
    await expectError(response, 403, 'IDE-0403');
  });
});

describe('no privilege escalation through membership', () => {
  it('a user who may manage users cannot add itself to admin-group', async () => {
    const manager = await actorWith(api, identity('users', 'get', 'post', 'patch'));
    const before = await expectJson<{ groups: string[] }>(
      await manager.api.get(`/v1/users/${manager.id}`),
      200,
    );

    const response = await manager.api.patch(`/v1/users/${manager.id}`, {
      groups: [...before.groups, 'admin-group'],
    });
    await expectError(response, 403, 'IDE-0403');

    const after = await expectJson<{ groups: string[] }>(
      await manager.api.get(`/v1/users/${manager.id}`),
      200,
    );
    expect(after.groups).toEqual(before.groups);
  });

  it('nor create a user in admin-group, nor take a user out of a group it does not hold', async () => {
    const manager = await actorWith(api, identity('users', 'get', 'post', 'patch'));
    const created = await manager.api.post('/v1/users', {
      firstName: 'E',
      lastName: 'Ve',
      email: `${unique('eve')}@example.com`,
      username: unique('eve'),
      password: 'correct horse battery staple',
      groups: ['admin-group'],
    });
    await expectError(created, 403, 'IDE-0403');

    const viewer = await newUser(api, ['midaz-viewer-group']);
    const removal = await manager.api.patch(`/v1/users/${viewer.id}`, { groups: [] });
    await expectError(removal, 403, 'IDE-0403');
  });

  it('may put users in groups whose permissions it holds', async () => {
    const grants = [...identity('users', 'get', 'post', 'patch'), ...identity('groups', 'get')];
    const manager = await actorWith(api, grants);
    const target = await newUser(api);
    const group = unique('narrow');
    await expectJson(await api.post('/v1/groups', { name: group, roles: [] }), 201);

    const response = await manager.api.patch(`/v1/users/${target.id}`, { groups: [group] });
    expect((await expectJson<{ groups: string[] }>(response, 200)).groups).toEqual([group]);
  });

  it('concurrent membership replacements apply one after the other, never a 500', async () => {
    const target = await newUser(api);
    const sets = [['midaz-viewer-group'], ['routing-viewer-group'], ['plugin-crm-viewer-group']];

    const responses = await Promise.all(
      sets.map((groups) => api.patch(`/v1/users/${target.id}`, { groups })),
    );
    expect(responses.map((response) => response.status)).toEqual([200, 200, 200]);

    const after = await expectJson<{ groups: string[] }>(
      await api.get(`/v1/users/${target.id}`),
      200,
    );
    expect(sets).toContainEqual(after.groups);
  });
});
