import { beforeAll, describe, expect, it } from 'vitest';
import { AuthClient, consoleClient } from '../support/auth-client.js';
import { actorWith, admin, identity, newPassword, newUser } from './support/actors.js';
import { expectError, expectNoContent, IdentityClient } from './support/identity-client.js';

let api: IdentityClient;

beforeAll(async () => {
  api = await admin();
});

describe('PATCH /v1/users/{id}/update-password (self only)', () => {
  it('changes the password, keeps the calling session and revokes the others', async () => {
    const person = await newUser(api);
    const otherDevice = await new AuthClient().passwordGrant(person.username, person.password);
    const replacement = newPassword();

    const response = await person.api.patch(`/v1/users/${person.id}/update-password`, {
      oldPassword: person.password,
      newPassword: replacement,
    });
    await expectNoContent(response);

    expect((await person.api.get(`/v1/users/${person.id}`)).status).toBe(200);
    const stale = new IdentityClient(otherDevice.accessToken);
    await expectError(await stale.get(`/v1/users/${person.id}`), 401, 'IDE-0009');
    const refresh = await new AuthClient().refresh(otherDevice.refreshToken ?? '');
    expect(refresh.status).toBe(401);

    const fresh = new AuthClient();
    const old = await fresh.compat(
      '/v1/login/oauth/access_token',
      signIn(person.username, person.password),
    );
    expect(old.status).toBe(401);
    await fresh.passwordGrant(person.username, replacement);
  });

  it('refuses a wrong old password and changes nothing', async () => {
    const person = await newUser(api);
    const response = await person.api.patch(`/v1/users/${person.id}/update-password`, {
      oldPassword: 'not-the-password-at-all',
      newPassword: newPassword(),
    });
    await expectError(response, 400, 'IDE-0002');
    await new AuthClient().passwordGrant(person.username, person.password);
  });

  it('locks old-password guessing after 5 failures from one IP, like sign-in', async () => {
    const person = await newUser(api);
    const guess = () =>
      person.api.patch(`/v1/users/${person.id}/update-password`, {
        oldPassword: 'not-the-password-at-all',
        newPassword: newPassword(),
      });
    for (let i = 0; i < 5; i++) {
      await expectError(await guess(), 400, 'IDE-0002');
    }
    const locked = await person.api.patch(`/v1/users/${person.id}/update-password`, {
      oldPassword: person.password,
      newPassword: newPassword(),
    });
    await expectError(locked, 429, 'IDE-0429');
    expect(Number(locked.headers.get('Retry-After'))).toBeGreaterThan(0);
  });

  it("refuses someone else's id with 403 IDE-0013, even for an admin", async () => {
    const person = await newUser(api);
    const response = await api.patch(`/v1/users/${person.id}/update-password`, {
      oldPassword: person.password,
      newPassword: newPassword(),
    });
    await expectError(response, 403, 'IDE-0013');
  });

  it('refuses a malformed id with 400 IDE-0003', async () => {
    const person = await newUser(api);
    const body = { oldPassword: person.password, newPassword: newPassword() };
    await expectError(
      await person.api.patch('/v1/users/me/update-password', body),
      400,
      'IDE-0003',
    );
  });

  it('refuses a short new password with IDE-0020 and missing fields with IDE-0001', async () => {
    const person = await newUser(api);
    const path = `/v1/users/${person.id}/update-password`;
    const short = { oldPassword: person.password, newPassword: 'short' };
    await expectError(await person.api.patch(path, short), 400, 'IDE-0020');
    await expectError(
      await person.api.patch(path, { newPassword: newPassword() }),
      400,
      'IDE-0001',
    );
  });
});

describe('PATCH /v1/users/{id}/reset-password (admin)', () => {
  it('sets the password and revokes every session of the user', async () => {
    const person = await newUser(api);
    const replacement = newPassword();

    await expectNoContent(
      await api.patch(`/v1/users/${person.id}/reset-password`, { newPassword: replacement }),
    );

    await expectError(await person.api.get(`/v1/users/${person.id}`), 401, 'IDE-0009');
    await new AuthClient().passwordGrant(person.username, replacement);
  });

  it('needs reset-password:patch, and cannot take over someone holding more', async () => {
    const resetter = await actorWith(api, identity('reset-password', 'patch'));
    const plain = await newUser(api);
    const body = { newPassword: newPassword() };
    await expectNoContent(await resetter.api.patch(`/v1/users/${plain.id}/reset-password`, body));

    const adminId = await adminUserId();
    const takeover = await resetter.api.patch(`/v1/users/${adminId}/reset-password`, body);
    await expectError(takeover, 403, 'IDE-0403');
  });

  it('answers 404 IDE-1003 for an unknown user', async () => {
    const response = await api.patch(`/v1/users/${crypto.randomUUID()}/reset-password`, {
      newPassword: newPassword(),
    });
    await expectError(response, 404, 'IDE-1003');
  });
});

function signIn(username: string, password: string) {
  return {
    grantType: 'password',
    username,
    password,
    ...consoleClient(),
  };
}

async function adminUserId(): Promise<string> {
  const response = await api.get('/v1/users?username=admin&limit=100');
  const page = (await response.json()) as { items: { id: string; username: string }[] };
  const found = page.items.find((user) => user.username === 'admin');
  if (!found) {
    throw new Error('seeded admin not found');
  }
  return found.id;
}
