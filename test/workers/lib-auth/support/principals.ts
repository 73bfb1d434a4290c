import { AuthClient, basic, consoleClient, type Tokens } from '../../support/auth-client.js';
import { groupRoles, groups, rolePermissions, roles } from '../../../../shared/db/schema.js';
import { createApplication, createUser, unique, withDb } from '../../support/fixtures.js';
import { admin, type Grant } from '../../identity/support/actors.js';
import { expectJson } from '../../identity/support/identity-client.js';

/** A signed-in person. */
export interface Person {
  id: string;
  tokens: Tokens;
  auth: AuthClient;
}

/** A new person in the seeded `groups` (e.g. `midaz-viewer-group`), signed in. */
export async function personIn(...groups: string[]): Promise<Person> {
  const user = await createUser({ groups });
  const auth = new AuthClient();
  return { id: user.id, tokens: await auth.passwordGrant(user.username, user.password), auth };
}

/**
 * A new person holding exactly `grants` through a custom role and group. They are inserted
 * directly: identity lets nobody grant what they do not hold, and no seeded role holds a `*`.
 */
export async function personWith(grants: Grant[]): Promise<Person> {
  const group = unique('lib-auth-group');
  await withDb(async (db) => {
    const [role] = await db
      .insert(roles)
      .values({ name: unique('lib-auth-role') })
      .returning();
    const [made] = await db.insert(groups).values({ name: group }).returning();
    if (!role || !made) {
      throw new Error('role or group insert failed');
    }
    await db.insert(rolePermissions).values(grants.map((grant) => ({ roleId: role.id, ...grant })));
    await db.insert(groupRoles).values({ groupId: made.id, roleId: role.id });
  });
  return personIn(group);
}

/** Ends a person's session the way the console's sign-out does (RFC 7009 on the refresh token). */
export async function revokeSession(person: Person): Promise<void> {
  const response = await person.auth.form(
    '/oauth/revoke',
    { token: person.tokens.refreshToken ?? '' },
    { Authorization: basic(consoleClient().clientId, consoleClient().clientSecret) },
  );
  if (response.status !== 200) {
    throw new Error(`revocation failed: ${response.status} ${await response.text()}`);
  }
}

/** A signed-in application. */
export interface Application {
  id: string;
  clientId: string;
  clientSecret: string;
  accessToken: string;
}

/** A new application holding `roles` (set through identity), with a fresh access token. */
export async function applicationWith(...roles: string[]): Promise<Application> {
  const app = await createApplication();
  if (roles.length > 0) {
    const api = await admin();
    await expectJson(await api.put(`/v1/applications/${app.id}/roles`, { roles }), 200);
  }
  const tokens = await new AuthClient().clientCredentials(app.clientId, app.clientSecret);
  return { ...app, accessToken: tokens.accessToken };
}

/** `midaz:<resource>:<action>` for each action. */
export function midaz(resource: string, ...actions: string[]): Grant[] {
  return actions.map((action) => ({ product: 'midaz', resource, action }));
}
