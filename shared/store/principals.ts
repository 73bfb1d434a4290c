import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { applications, sessions, users } from '../db/schema.js';

/** Whether a person's session is live: not revoked or expired, and the user exists unblocked. */
export async function isUserSessionLive(
  db: Database,
  userId: string,
  sessionId: string,
  now: Date,
): Promise<boolean> {
  const rows = await db
    .select({ id: sessions.id })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(
        eq(sessions.id, sessionId),
        eq(sessions.userId, userId),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, now),
        isNull(users.blockedAt),
      ),
    )
    .limit(1);
  return rows.length > 0;
}

/** Whether an application still exists under this client id. */
export async function isApplicationLive(
  db: Database,
  applicationId: string,
  clientId: string,
): Promise<boolean> {
  const rows = await db
    .select({ id: applications.id })
    .from(applications)
    .where(and(eq(applications.id, applicationId), eq(applications.clientId, clientId)))
    .limit(1);
  return rows.length > 0;
}

/** Whether a person or an application has this id (to tell "someone else" from "nobody"). */
export async function subjectExists(db: Database, id: string): Promise<boolean> {
  const [user] = await db.select({ id: users.id }).from(users).where(eq(users.id, id)).limit(1);
  if (user) {
    return true;
  }
  const [app] = await db
    .select({ id: applications.id })
    .from(applications)
    .where(eq(applications.id, id))
    .limit(1);
  return app !== undefined;
}
