import { env } from 'cloudflare:workers';
import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import { openCache } from '../../../shared/cache/client.js';
import { eq } from 'drizzle-orm';
import {
  applicationRoles,
  groupRoles,
  groups,
  rolePermissions,
  roles,
  userGroups,
  users,
} from '../../../shared/db/schema.js';
import { AuthClient, signInAsAdmin } from '../support/auth-client.js';
import { cacheControl, call } from '../support/call.js';
import { createApplication, createUser, unique, withDb } from '../support/fixtures.js';
import { IdentityClient } from '../identity/support/identity-client.js';

type Decision = { authorized: boolean; timestamp: string };

/** What the Go lib-auth v2 sends: the raw token, `owner/sub`, lowercase resource and action. */
function authorize(token: string, body: Record<string, unknown>, raw = true) {
  return call('auth', '/v1/authorize', {
    method: 'POST',
    headers: {
      Authorization: raw ? token : `Bearer ${token}`,
      'Content-Type': 'application/json',
    },
    body: JSON.stringify(body),
  });
}

async function decide(token: string, resource: string, action: string, product = 'midaz') {
  const sub = `lerian/${String(decodeJwt(token).sub)}`;
  const response = await authorize(token, { sub, resource, action, product });
  expect(response.status).toBe(200);
  return (await response.json<Decision>()).authorized;
}

async function personWith(groupNames: string[]) {
  const user = await createUser({ groups: groupNames });
  const tokens = await new AuthClient().passwordGrant(user.username, user.password);
  return { user, token: tokens.accessToken };
}

describe('POST /v1/authorize (compat, Go lib-auth v2)', () => {
  it('a viewer may get and not post; the answer carries an RFC 3339 timestamp', async () => {
    const { token } = await personWith(['midaz-viewer-group']);
    const response = await authorize(token, {
      sub: `lerian/${String(decodeJwt(token).sub)}`,
      resource: 'accounts',
      action: 'get',
      product: 'midaz',
    });
    const body = await response.json<Decision>();
    expect(body.authorized).toBe(true);
    expect(new Date(body.timestamp).toISOString()).toBe(body.timestamp);
    expect(await decide(token, 'accounts', 'post')).toBe(false);
  });

  it('an editor may get and post; the Bearer form works as well as the raw token', async () => {
    const { token } = await personWith(['midaz-editor-group']);
    expect(await decide(token, 'accounts', 'get')).toBe(true);
    expect(await decide(token, 'accounts', 'post')).toBe(true);
    const bearer = await authorize(
      token,
      {
        sub: `lerian/${String(decodeJwt(token).sub)}`,
        resource: 'ledgers',
        action: 'delete',
        product: 'midaz',
      },
      false,
    );
    expect((await bearer.json<Decision>()).authorized).toBe(true);
  });

  it('a custom role with a wildcard resource works', async () => {
    const groupName = unique('wild-group');
    await withDb(async (db) => {
      const [role] = await db
        .insert(roles)
        .values({ name: unique('wild-role') })
        .returning();
      const [group] = await db.insert(groups).values({ name: groupName }).returning();
      if (!role || !group) {
        throw new Error('insert failed');
      }
      await db
        .insert(rolePermissions)
        .values({ roleId: role.id, product: 'midaz', resource: '*', action: 'get' });
      await db.insert(groupRoles).values({ groupId: group.id, roleId: role.id });
    });
    const { token } = await personWith([groupName]);
    expect(await decide(token, 'transactions', 'get')).toBe(true);
    expect(await decide(token, 'transactions', 'post')).toBe(false);
    expect(await decide(token, 'transactions', 'get', 'routing')).toBe(false);
  });

  it('a subject naming someone else is refused; a subject naming nobody is 404 AUT-1015', async () => {
    const { token } = await personWith(['midaz-editor-group']);
    const other = await createUser({ groups: ['midaz-editor-group'] });
    const someoneElse = await authorize(token, {
      sub: `lerian/${other.id}`,
      resource: 'accounts',
      action: 'get',
      product: 'midaz',
    });
    expect(someoneElse.status).toBe(200);
    expect((await someoneElse.json<Decision>()).authorized).toBe(false);

    const nobody = await authorize(token, {
      sub: `lerian/${crypto.randomUUID()}`,
      resource: 'accounts',
      action: 'get',
      product: 'midaz',
    });
    expect(nobody.status).toBe(404);
    expect(await nobody.json()).toMatchObject({ code: 'AUT-1015' });
  });

  it('an invalid token is 401 with a compat code; no token is 401 AUT-0006', async () => {
    const bad = await authorize('not.a.token', { sub: 'lerian/x', resource: 'a', action: 'get' });
    expect(bad.status).toBe(401);
    expect(await bad.json()).toMatchObject({
      code: 'AUT-0007',
      title: expect.any(String),
      message: expect.any(String),
    });
    const none = await call('auth', '/v1/authorize', { method: 'POST', body: '{}' });
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({ code: 'AUT-0006' });
  });
});

async function appWithRole(roleName?: string) {
  const app = await createApplication();
  if (roleName) {
    await withDb(async (db) => {
      const [role] = await db.select().from(roles).where(eq(roles.name, roleName));
      await db.insert(applicationRoles).values({ applicationId: app.id, roleId: role?.id ?? '' });
    });
  }
  const tokens = await new AuthClient().clientCredentials(app.clientId, app.clientSecret);
  return { app, token: tokens.accessToken };
}

describe('applications and the legacy subject', () => {
  it('"admin/<product>-editor-role" is honoured for an application holding that role', async () => {
    const { token } = await appWithRole('midaz-editor-role');
    const response = await authorize(token, {
      sub: 'admin/midaz-editor-role',
      resource: 'accounts',
      action: 'post',
    });
    expect((await response.json<Decision>()).authorized).toBe(true);
  });

  it('...and refused for an application without it (no blanket editor role)', async () => {
    const { token } = await appWithRole();
    const response = await authorize(token, {
      sub: 'admin/midaz-editor-role',
      resource: 'accounts',
      action: 'get',
    });
    expect(response.status).toBe(200);
    expect((await response.json<Decision>()).authorized).toBe(false);
  });

  it('...and refused for a person, even an admin', async () => {
    const admin = await signInAsAdmin();
    const response = await authorize(admin.accessToken, {
      sub: 'admin/midaz-editor-role',
      resource: 'accounts',
      action: 'get',
    });
    expect((await response.json<Decision>()).authorized).toBe(false);
  });

  it('an application token cannot authorize as a person with the same id, nor the reverse', async () => {
    const { app, token } = await appWithRole('midaz-editor-role');
    // A person whose id equals the application's: only possible by hand, which is the point.
    const twin = await createUser();
    await withDb(async (db) => {
      await db.update(users).set({ id: app.id }).where(eq(users.id, twin.id));
      const [group] = await db.select().from(groups).where(eq(groups.name, 'midaz-editor-group'));
      await db.insert(userGroups).values({ userId: app.id, groupId: group?.id ?? '' });
    });
    const asPerson = await authorize(token, {
      sub: `lerian/${app.id}`,
      resource: 'accounts',
      action: 'get',
      product: 'midaz',
    });
    expect((await asPerson.json<Decision>()).authorized).toBe(false);

    const personToken = (await new AuthClient().passwordGrant(twin.username, twin.password))
      .accessToken;
    expect(decodeJwt(personToken).sub).toBe(app.id);
    const asApplication = await authorize(personToken, {
      sub: 'admin/midaz-editor-role',
      resource: 'accounts',
      action: 'get',
    });
    expect((await asApplication.json<Decision>()).authorized).toBe(false);
    expect(await decide(personToken, 'accounts', 'get')).toBe(true);
  });
});

describe('changes take effect on the very next call', () => {
  it('removing the role (group membership) denies at once', async () => {
    const { user, token } = await personWith(['midaz-editor-group']);
    expect(await decide(token, 'accounts', 'post')).toBe(true);
    const admin = new IdentityClient((await signInAsAdmin()).accessToken);
    const changed = await admin.patch(`/v1/users/${user.id}`, { groups: ['midaz-viewer-group'] });
    expect(changed.status).toBe(200);
    expect(await decide(token, 'accounts', 'post')).toBe(false);
    expect(await decide(token, 'accounts', 'get')).toBe(true);
  });

  it('blocking the user denies at once', async () => {
    const { user, token } = await personWith(['midaz-editor-group']);
    expect(await decide(token, 'accounts', 'get')).toBe(true);
    const admin = new IdentityClient((await signInAsAdmin()).accessToken);
    expect((await admin.post(`/v1/users/${user.id}/block`)).status).toBeLessThan(300);
    const after = await authorize(token, {
      sub: `lerian/${user.id}`,
      resource: 'accounts',
      action: 'get',
      product: 'midaz',
    });
    expect(after.status).toBe(401);
  });

  it('deleting the application denies at once', async () => {
    const { app, token } = await appWithRole('midaz-editor-role');
    const legacy = { sub: 'admin/midaz-editor-role', resource: 'accounts', action: 'get' };
    expect((await (await authorize(token, legacy)).json<Decision>()).authorized).toBe(true);
    const admin = new IdentityClient((await signInAsAdmin()).accessToken);
    expect((await admin.delete(`/v1/applications/${app.id}`)).status).toBe(204);
    expect((await authorize(token, legacy)).status).toBe(401);
  });

  it('a logout denies at once', async () => {
    const user = await createUser({ groups: ['midaz-editor-group'] });
    const tokens = await new AuthClient().passwordGrant(user.username, user.password);
    expect(await decide(tokens.accessToken, 'accounts', 'get')).toBe(true);
    await call('auth', '/v1/logout', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ id_token_hint: tokens.idToken ?? '' }).toString(),
    });
    const after = await authorize(tokens.accessToken, {
      sub: `lerian/${user.id}`,
      resource: 'accounts',
      action: 'get',
      product: 'midaz',
    });
    expect(after.status).toBe(401);
  });
});

describe('the cache never changes a decision', () => {
  it('flushing it between calls changes nothing', async () => {
    const { token } = await personWith(['midaz-viewer-group']);
    const before = [
      await decide(token, 'accounts', 'get'),
      await decide(token, 'accounts', 'post'),
    ];
    await openCache(env.UPSTASH_REDIS_REST_URL, env.UPSTASH_REDIS_REST_TOKEN).flushdb();
    const after = [await decide(token, 'accounts', 'get'), await decide(token, 'accounts', 'post')];
    expect(after).toEqual(before);
    expect(before).toEqual([true, false]);
  });

  it('with the cache stopped, decisions stay correct and changes still apply', async () => {
    const { user, token } = await personWith(['midaz-editor-group']);
    expect(await decide(token, 'accounts', 'post')).toBe(true);
    await cacheControl('stop');
    try {
      expect(await decide(token, 'accounts', 'post')).toBe(true);
      expect(await decide(token, 'accounts', 'patch', 'routing')).toBe(false);
      await withDb((db) => db.delete(userGroups).where(eq(userGroups.userId, user.id)));
      expect(await decide(token, 'accounts', 'post')).toBe(false);
    } finally {
      await cacheControl('start');
    }
  });
});

describe('GET /v1/permissions (the console)', () => {
  for (const path of ['/v1/permissions/', '/v1/permissions']) {
    it(`${path} maps resources to actions for the token's principal`, async () => {
      const { token } = await personWith(['midaz-viewer-group']);
      const response = await call('auth', `${path}?product=midaz`, {
        headers: { Authorization: token },
      });
      const body = await response.json<Record<string, string[]>>();
      expect(response.status).toBe(200);
      expect(body.accounts).toEqual(['get', 'head']);
      expect(Object.keys(body)).toContain('organizations');
    });
  }
});
