import { AuthClient, signInAsAdmin, type Tokens } from '../../support/auth-client.js';
import { unique } from '../../support/fixtures.js';
import { expectJson, IdentityClient } from './identity-client.js';

/** A `{product, resource, action}` as roles carry it. */
export interface Grant {
  product: string;
  resource: string;
  action: string;
}

/** A signed-in person and an identity client acting as them. */
export interface Actor {
  id: string;
  username: string;
  password: string;
  tokens: Tokens;
  auth: AuthClient;
  api: IdentityClient;
}

/** `plugin-identity:<resource>:<action>` for each action. */
export function identity(resource: string, ...actions: string[]): Grant[] {
  return actions.map((action) => ({ product: 'plugin-identity', resource, action }));
}

/** A strong random password for a test user. */
export function newPassword(): string {
  return `Pw-${crypto.randomUUID()}`;
}

/** The seeded admin, signed in from a fresh IP. */
export async function admin(): Promise<IdentityClient> {
  const tokens = await signInAsAdmin(new AuthClient());
  return new IdentityClient(tokens.accessToken);
}

/**
 * A new person holding exactly `grants` (through a custom role and group that the admin creates
 * through identity's own routes), signed in. No grants: a person in no group at all.
 */
export async function actorWith(adminApi: IdentityClient, grants: Grant[]): Promise<Actor> {
  const groups: string[] = [];
  if (grants.length > 0) {
    const roleName = unique('role');
    const role = await adminApi.post('/v1/roles', { name: roleName, permissions: grants });
    await expectJson(role, 201);
    const groupName = unique('group');
    await expectJson(
      await adminApi.post('/v1/groups', { name: groupName, roles: [roleName] }),
      201,
    );
    groups.push(groupName);
  }
  return newUser(adminApi, groups);
}

/** A new person in `groups`, created through identity and signed in. */
export async function newUser(adminApi: IdentityClient, groups: string[] = []): Promise<Actor> {
  const username = unique('person');
  const password = newPassword();
  const created = await adminApi.post('/v1/users', {
    firstName: 'Test',
    lastName: 'Person',
    email: `${username}@example.com`,
    username,
    password,
    groups,
  });
  const { id } = await expectJson<{ id: string }>(created, 201);
  const auth = new AuthClient();
  const tokens = await auth.passwordGrant(username, password);
  return { id, username, password, tokens, auth, api: new IdentityClient(tokens.accessToken) };
}
