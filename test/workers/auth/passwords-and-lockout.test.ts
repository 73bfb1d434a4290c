import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditEvents } from '../../../shared/db/schema.js';
import { AuthClient, consoleClient } from '../support/auth-client.js';
import { cacheControl } from '../support/call.js';
import { createUser, withDb } from '../support/fixtures.js';

const signIn = (client: AuthClient, username: string, password: string) =>
  client.compat('/v1/login/oauth/access_token', {
    grantType: 'password',
    username,
    password,
    ...consoleClient(),
  });

describe('password checks', () => {
  it('a 1 MB password is a 400 before any hashing', async () => {
    const user = await createUser();
    const response = await signIn(new AuthClient(), user.username, 'p'.repeat(1024 * 1024));
    expect(response.status).toBe(400);
  });

  it('a 300-byte password (under the body limit) is a 400 before any hashing', async () => {
    const user = await createUser();
    const response = await signIn(new AuthClient(), user.username, 'é'.repeat(150));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 'AUT-0001' });
  });

  it('a 100-byte password that differs only after byte 72 does not match', async () => {
    const base = 'a'.repeat(72);
    const user = await createUser({ password: `${base}${'b'.repeat(28)}` });
    const client = new AuthClient();
    expect((await signIn(client, user.username, `${base}${'c'.repeat(28)}`)).status).toBe(401);
    expect((await signIn(client, user.username, user.password)).status).toBe(200);
  });

  it('an unknown user gets the same answer as a wrong password', async () => {
    const client = new AuthClient();
    const unknown = await signIn(client, `ghost-${crypto.randomUUID()}`, 'some password here');
    expect(unknown.status).toBe(401);
    expect(await unknown.json()).toMatchObject({ code: 'AUT-1002' });
  });
});

describe('lockout (SPEC §3.1)', () => {
  it('50 wrong passwords from one IP; the right password from another IP still succeeds', async () => {
    const user = await createUser();
    const attacker = new AuthClient(undefined, { TOKEN_RATE_LIMIT_PER_MINUTE: '1000' });
    const statuses: number[] = [];
    for (let i = 0; i < 50; i++) {
      statuses.push((await signIn(attacker, user.username, `wrong password ${i}`)).status);
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5).every((s) => s === 429)).toBe(true);

    // Locked from the attacker's IP even with the right password...
    const locked = await signIn(attacker, user.username, user.password);
    expect(locked.status).toBe(429);
    expect(await locked.json()).toMatchObject({ code: 'AUT-1006' });
    expect(Number(locked.headers.get('Retry-After'))).toBeGreaterThan(800);

    // ...but not from the owner's.
    const owner = await signIn(new AuthClient(), user.username, user.password);
    expect(owner.status).toBe(200);

    const events = await withDb((db) =>
      db
        .select({ action: auditEvents.action })
        .from(auditEvents)
        .where(and(eq(auditEvents.targetType, 'user'), eq(auditEvents.targetId, user.id))),
    );
    const actions = events.map((e) => e.action);
    expect(actions.filter((a) => a === 'sign_in.failed')).toHaveLength(5);
    expect(actions).toContain('sign_in.locked');
    expect(actions).toContain('sign_in.succeeded');
  });

  it('sign-in keeps working while the cache is down, and lockout still applies', async () => {
    const user = await createUser();
    await cacheControl('stop');
    try {
      const client = new AuthClient();
      for (let i = 0; i < 5; i++) {
        expect((await signIn(client, user.username, `nope ${i}`)).status).toBe(401);
      }
      expect((await signIn(client, user.username, user.password)).status).toBe(429);
      expect((await signIn(new AuthClient(), user.username, user.password)).status).toBe(200);
    } finally {
      await cacheControl('start');
    }
  });
});
