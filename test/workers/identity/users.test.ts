import { beforeAll, describe, expect, it } from 'vitest';
import { unique } from '../support/fixtures.js';
import { actorWith, admin, identity, newPassword, newUser } from './support/actors.js';
import {
  expectError,
  expectJson,
  expectNoContent,
  type IdentityClient,
} from './support/identity-client.js';

interface User {
  id: string;
  firstName: string;
  lastName: string;
  email: string;
  username: string;
  groups: string[];
  blocked: boolean;
  createdAt: string;
}

function userBody(overrides: Record<string, unknown> = {}) {
  const username = unique('u');
  return {
    firstName: 'Ada',
    lastName: 'Lovelace',
    email: `${username}@example.com`,
    username,
    password: newPassword(),
    groups: [],
    ...overrides,
  };
}

let api: IdentityClient;

beforeAll(async () => {
  api = await admin();
});

describe('POST /v1/users', () => {
  it('creates a user: 201, the user JSON, never the password', async () => {
    const body = userBody({ groups: ['midaz-viewer-group'] });
    const created = await expectJson<User>(await api.post('/v1/users', body), 201);

    expect(created).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      firstName: 'Ada',
      lastName: 'Lovelace',
      email: body.email,
      username: body.username,
      groups: ['midaz-viewer-group'],
      blocked: false,
      createdAt: expect.any(String),
    });
    expect(JSON.stringify(created)).not.toContain(body.password);
  });

  it('the new user can sign in with the password it was given', async () => {
    const person = await newUser(api);
    expect(person.tokens.accessToken).toEqual(expect.any(String));
  });

  it('treats emails case-insensitively: Alice@X.com then alice@x.com → 409 IDE-1008', async () => {
    const domain = `${unique('x')}.com`;
    await expectJson(await api.post('/v1/users', userBody({ email: `Alice@${domain}` })), 201);

    const again = await api.post('/v1/users', userBody({ email: `alice@${domain}` }));
    await expectError(again, 409, 'IDE-1008');
  });

  it('NFKC-normalizes emails: a fullwidth ＠ is the same address → 409', async () => {
    const local = unique('bob');
    const created = await api.post('/v1/users', userBody({ email: `${local}@example.com` }));
    expect((await expectJson<User>(created, 201)).email).toBe(`${local}@example.com`);

    const fullwidth = await api.post('/v1/users', userBody({ email: `${local}＠example.com` }));
    await expectError(fullwidth, 409, 'IDE-1008');
  });

  it('treats usernames case-insensitively and stores them NFKC-normalized', async () => {
    const name = unique('Carol');
    await expectJson(await api.post('/v1/users', userBody({ username: name })), 201);

    const upper = await api.post('/v1/users', userBody({ username: name.toUpperCase() }));
    await expectError(upper, 409, 'IDE-1008');
    // Fullwidth letters are compatibility forms of ASCII ones: NFKC folds them.
    const wide = [...name]
      .map((ch) => String.fromCodePoint((ch.codePointAt(0) ?? 0) + 0xfee0))
      .join('');
    await expectError(await api.post('/v1/users', userBody({ username: wide })), 409, 'IDE-1008');
  });

  it('concurrent creation of one username: exactly one 201, the other 409', async () => {
    const username = unique('race');
    const responses = await Promise.all(
      [1, 2, 3].map(() => api.post('/v1/users', userBody({ username }))),
    );
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses).toEqual([201, 409, 409]);
    const list = await api.get(`/v1/users?username=${username}`);
    expect((await expectJson<{ total: number }>(list, 200)).total).toBe(1);
  });

  it('refuses a password under 12 characters with IDE-0020, and over 256 with IDE-0002', async () => {
    const short = await api.post('/v1/users', userBody({ password: 'elevenchars' }));
    await expectError(short, 400, 'IDE-0020');
    const long = await api.post('/v1/users', userBody({ password: 'x'.repeat(257) }));
    await expectError(long, 400, 'IDE-0002');
  });

  it('maps bad bodies to their codes and writes nothing', async () => {
    const { username: _, ...missing } = userBody();
    await expectError(await api.post('/v1/users', missing), 400, 'IDE-0001');
    await expectError(await api.post('/v1/users', userBody({ admin: true })), 400, 'IDE-0004');
    await expectError(await api.post('/v1/users', userBody({ email: 42 })), 400, 'IDE-0002');
    await expectError(await api.post('/v1/users', userBody({ email: 'nope' })), 400, 'IDE-0002');
    await expectError(await api.post('/v1/users', '{"username":'), 400, 'IDE-0002');
    await expectError(await api.post('/v1/users', '[]'), 400, 'IDE-0002');

    const ghost = userBody({ groups: ['no-such-group'] });
    await expectError(await api.post('/v1/users', ghost), 404, 'IDE-1006');
    const list = await api.get(`/v1/users?username=${ghost.username}`);
    expect((await expectJson<{ total: number }>(list, 200)).total).toBe(0);
  });
});

describe('GET /v1/users', () => {
  it('pages with {items, page, limit, total} and filters by username and email', async () => {
    const tag = unique('pg');
    for (const n of [1, 2, 3]) {
      const body = userBody({ username: `${tag}-${n}`, email: `${tag}-${n}@list.example` });
      await expectJson(await api.post('/v1/users', body), 201);
    }

    const first = await api.get(`/v1/users?username=${tag}&limit=2&sort=username`);
    const page1 = await expectJson<{ items: User[]; total: number }>(first, 200);
    expect(page1).toMatchObject({ page: 1, limit: 2, total: 3 });
    expect(page1.items.map((user) => user.username)).toEqual([`${tag}-1`, `${tag}-2`]);

    const second = await api.get(`/v1/users?username=${tag}&limit=2&page=2&sort=username`);
    const page2 = await expectJson<{ items: User[] }>(second, 200);
    expect(page2.items.map((user) => user.username)).toEqual([`${tag}-3`]);

    const byEmail = await api.get(`/v1/users?email=${tag}-2%40LIST&sort=email&order=desc`);
    const found = await expectJson<{ items: User[] }>(byEmail, 200);
    expect(found.items.map((user) => user.username)).toEqual([`${tag}-2`]);
  });

  it('matches % and _ in a filter literally', async () => {
    const response = await api.get('/v1/users?username=%25');
    expect((await expectJson<{ total: number }>(response, 200)).total).toBe(0);
  });

  it('filters by group', async () => {
    const response = await api.get('/v1/users?group=admin-group&limit=100');
    const page = await expectJson<{ items: User[] }>(response, 200);
    expect(page.items.map((user) => user.username)).toContain('admin');
    expect(page.items.every((user) => user.groups.includes('admin-group'))).toBe(true);
  });

  it.each([
    'limit=1000000000',
    'limit=-1',
    'limit=abc',
    'limit=0',
    'limit=101',
    'limit=1.5',
    'limit=',
    'page=0',
    'sort=(select 1)',
    'sort=password_hash',
    'order=sideways',
    'limit=1&limit=2',
    'unknown=1',
  ])('refuses ?%s with 400 IDE-0005', async (query) => {
    await expectError(await api.get(`/v1/users?${query}`), 400, 'IDE-0005');
  });
});

describe('GET, PATCH and DELETE /v1/users/{id}', () => {
  it('reads a user; an unknown id is 404 IDE-1003 and a malformed one 400 IDE-0003', async () => {
    const created = await expectJson<User>(await api.post('/v1/users', userBody()), 201);

    expect(await expectJson<User>(await api.get(`/v1/users/${created.id}`), 200)).toEqual(created);
    await expectError(await api.get(`/v1/users/${crypto.randomUUID()}`), 404, 'IDE-1003');
    await expectError(await api.get('/v1/users/not-a-uuid'), 400, 'IDE-0003');
    await expectError(await api.get("/v1/users/1'%20or%201=1"), 400, 'IDE-0003');
  });

  it('patches names, email and groups; the username cannot change (IDE-0010)', async () => {
    const created = await expectJson<User>(await api.post('/v1/users', userBody()), 201);
    const path = `/v1/users/${created.id}`;

    const patched = await expectJson<User>(
      await api.patch(path, {
        firstName: 'Grace',
        email: `${unique('grace')}@example.com`,
        groups: ['midaz-viewer-group', 'routing-viewer-group'],
      }),
      200,
    );
    expect(patched).toMatchObject({
      firstName: 'Grace',
      lastName: 'Lovelace',
      username: created.username,
      groups: ['midaz-viewer-group', 'routing-viewer-group'],
    });

    await expectError(await api.patch(path, { username: 'other' }), 400, 'IDE-0010');
    await expectError(await api.patch(path, { password: newPassword() }), 400, 'IDE-0010');
    await expectError(await api.patch(path, { nickname: 'x' }), 400, 'IDE-0004');
    await expectError(await api.patch(path, { firstName: 7 }), 400, 'IDE-0002');
    await expectError(await api.patch(path, {}), 400, 'IDE-0001');
    await expectError(await api.patch(path, { email: 'admin@example.com' }), 409, 'IDE-1008');

    const unchanged = await expectJson<User>(await api.get(path), 200);
    expect(unchanged).toEqual(patched);
  });

  it('deletes a user (204): its tokens stop working at once', async () => {
    const person = await newUser(api);
    expect((await person.api.get(`/v1/users/${person.id}`)).status).toBe(200);

    await expectNoContent(await api.delete(`/v1/users/${person.id}`));

    await expectError(await api.get(`/v1/users/${person.id}`), 404, 'IDE-1003');
    await expectError(await person.api.get(`/v1/users/${person.id}`), 401, 'IDE-0009');
    await expectError(await api.delete(`/v1/users/${person.id}`), 404, 'IDE-1003');
  });

  it('an admin cannot delete itself', async () => {
    const manager = await actorWith(api, identity('users', 'get', 'delete'));
    await expectError(await manager.api.delete(`/v1/users/${manager.id}`), 403, 'IDE-0403');
    expect((await manager.api.get(`/v1/users/${manager.id}`)).status).toBe(200);
  });
});
