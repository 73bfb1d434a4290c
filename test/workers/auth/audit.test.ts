import { eq, inArray } from 'drizzle-orm';
import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import { auditEvents } from '../../../shared/db/schema.js';
import { AuthClient, basic, expectTokens } from '../support/auth-client.js';
import { cacheControl } from '../support/call.js';
import { createApplication, createUser, drainAudit, withDb } from '../support/fixtures.js';

const eventsFor = (targetIds: string[]) =>
  withDb((db) => db.select().from(auditEvents).where(inArray(auditEvents.targetId, targetIds)));

describe('audit events of the auth function', () => {
  it('sign-in, token issue, refresh reuse and revocation are recorded with IP and no secrets', async () => {
    const user = await createUser();
    const client = new AuthClient(undefined, { REFRESH_REUSE_GRACE_SECONDS: '0' });
    const tokens = await client.passwordGrant(user.username, user.password);
    const sessionId = String(decodeJwt(tokens.accessToken).sid);
    const rotated = await expectTokens(await client.refresh(tokens.refreshToken ?? ''));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await client.refresh(tokens.refreshToken ?? '')).status).toBe(401);

    const events = await eventsFor([user.id, sessionId]);
    const actions = events.map((event) => event.action);
    expect(actions).toEqual(
      expect.arrayContaining(['sign_in.succeeded', 'token.issued', 'refresh.reused']),
    );
    expect(actions.filter((action) => action === 'token.issued')).toHaveLength(2);
    for (const event of events) {
      expect(event.clientIp).toBe(client.ip);
      const serialized = JSON.stringify(event);
      expect(serialized).not.toContain(user.password);
      expect(serialized).not.toContain(tokens.refreshToken);
      expect(serialized).not.toContain(rotated.refreshToken);
    }
  });

  it('client_credentials issue and revocation are recorded against the application', async () => {
    const app = await createApplication();
    const client = new AuthClient();
    const tokens = await client.clientCredentials(app.clientId, app.clientSecret);
    const revoked = await client.form(
      '/oauth/revoke',
      { token: tokens.accessToken },
      { Authorization: basic(app.clientId, app.clientSecret) },
    );
    expect(revoked.status).toBe(200);
    await drainAudit();

    const issued = await withDb((db) =>
      db.select().from(auditEvents).where(eq(auditEvents.actorId, app.id)),
    );
    expect(issued.map((event) => event.action).sort()).toEqual(['token.issued', 'token.revoked']);
    expect(JSON.stringify(issued)).not.toContain(app.clientSecret);
  });
});

describe('the audit queue', () => {
  it('queued token issues reach Postgres once, with their original time', async () => {
    const app = await createApplication();
    const client = new AuthClient();
    const before = new Date();
    for (let i = 0; i < 3; i++) {
      await client.clientCredentials(app.clientId, app.clientSecret);
    }
    await drainAudit();
    await drainAudit();

    const rows = await withDb((db) =>
      db.select().from(auditEvents).where(eq(auditEvents.actorId, app.id)),
    );
    expect(rows.map((row) => row.action)).toEqual(['token.issued', 'token.issued', 'token.issued']);
    for (const row of rows) {
      expect(row.occurredAt.getTime()).toBeGreaterThanOrEqual(before.getTime() - 1000);
      expect(row.clientIp).toBe(client.ip);
    }
  });

  it('with the cache down, token issues are written to Postgres directly', async () => {
    const app = await createApplication();
    await cacheControl('stop');
    try {
      await new AuthClient().clientCredentials(app.clientId, app.clientSecret);
    } finally {
      await cacheControl('start');
    }
    const rows = await withDb((db) =>
      db.select().from(auditEvents).where(eq(auditEvents.actorId, app.id)),
    );
    expect(rows.map((row) => row.action)).toEqual(['token.issued']);
  });
});
