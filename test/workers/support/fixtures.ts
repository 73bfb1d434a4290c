import { env } from 'cloudflare:workers';
import { drainAuditQueue } from '../../../shared/audit/queue.js';
import { buildServices } from '../../../shared/http/services.js';
import { eq, inArray } from 'drizzle-orm';
import { hashPassword, pepperFromBase64 } from '../../../shared/crypto/password.js';
import { digestSecret, randomToken } from '../../../shared/crypto/secrets.js';
import { openDatabase, type DatabaseHandle } from '../../../shared/db/client.js';
import {
  applicationSecrets,
  applications,
  groups,
  userGroups,
  users,
} from '../../../shared/db/schema.js';

/** The real test database, through the same driver and proxy the workers use. */
export async function withDb<T>(run: (db: DatabaseHandle['db']) => Promise<T>): Promise<T> {
  const handle = openDatabase(env.DATABASE_URL, env.DATABASE_WS_PROXY);
  try {
    return await run(handle.db);
  } finally {
    await handle.close();
  }
}

export const unique = (prefix: string) => `${prefix}-${crypto.randomUUID().slice(0, 8)}`;

/** Inserts a person directly (identity's routes are tested elsewhere). */
export async function createUser(
  options: { password?: string; groups?: string[]; username?: string } = {},
): Promise<{ id: string; username: string; password: string }> {
  const username = options.username ?? unique('user');
  const password = options.password ?? `pw-${randomToken()}`;
  const passwordHash = await hashPassword(password, {
    pepper: pepperFromBase64(env.PASSWORD_PEPPER_ID, env.PASSWORD_PEPPER ?? ''),
  });
  return withDb(async (db) => {
    const [user] = await db
      .insert(users)
      .values({ username, email: `${username}@example.com`, passwordHash })
      .returning({ id: users.id });
    if (!user) {
      throw new Error('user insert failed');
    }
    if (options.groups?.length) {
      const found = await db.select().from(groups).where(inArray(groups.name, options.groups));
      await db.insert(userGroups).values(found.map((g) => ({ userId: user.id, groupId: g.id })));
    }
    return { id: user.id, username, password };
  });
}

/** Inserts an OAuth client with a known secret. */
export async function createApplication(
  options: { firstParty?: boolean; secret?: string; name?: string } = {},
): Promise<{ id: string; clientId: string; clientSecret: string }> {
  const clientId = unique('client');
  const clientSecret = options.secret ?? randomToken();
  return withDb(async (db) => {
    const [app] = await db
      .insert(applications)
      .values({ name: options.name ?? clientId, clientId, firstParty: options.firstParty ?? false })
      .returning({ id: applications.id });
    if (!app) {
      throw new Error('application insert failed');
    }
    await db
      .insert(applicationSecrets)
      .values({ applicationId: app.id, digest: await digestSecret(clientSecret) });
    return { id: app.id, clientId, clientSecret };
  });
}

/** Deletes an application (as identity's DELETE does: cascades to its secrets and sessions). */
export async function deleteApplication(id: string): Promise<void> {
  await withDb((db) => db.delete(applications).where(eq(applications.id, id)));
}

/** Runs the same drain the cron and the isolates run, until the audit queue is empty. */
export async function drainAudit(): Promise<void> {
  const pending: Promise<unknown>[] = [];
  const { services, close } = buildServices(env, {
    service: 'auth',
    requestId: 'test-drain',
    waitUntil: (work) => pending.push(work),
  });
  try {
    let moved = 1;
    while (moved > 0) {
      moved = await drainAuditQueue(services);
    }
  } finally {
    close();
    await Promise.all(pending);
  }
}
