import { and, eq, isNull, ne } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { sessions } from '../db/schema.js';

type Writer = Pick<Database, 'update'>;

/** Why a session ended (stored in `sessions.revoked_reason`). */
export type RevokeReason =
  | 'logout'
  | 'revoked'
  | 'refresh_reuse'
  | 'blocked'
  | 'password_changed'
  | 'password_reset'
  | 'forced_logout'
  | 'deleted';

/** Revokes one session (refresh-token family); returns whether it was live. */
export async function revokeSession(
  db: Writer,
  sessionId: string,
  reason: RevokeReason,
  now = new Date(),
): Promise<boolean> {
  const rows = await db
    .update(sessions)
    .set({ revokedAt: now, revokedReason: reason })
    .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)))
    .returning({ id: sessions.id });
  return rows.length > 0;
}

/** Revokes every live session of a user, except `keepSessionId`; returns how many. */
export async function revokeUserSessions(
  db: Writer,
  userId: string,
  reason: RevokeReason,
  options: { keepSessionId?: string; now?: Date } = {},
): Promise<number> {
  const conditions = [eq(sessions.userId, userId), isNull(sessions.revokedAt)];
  if (options.keepSessionId) {
    conditions.push(ne(sessions.id, options.keepSessionId));
  }
  const rows = await db
    .update(sessions)
    .set({ revokedAt: options.now ?? new Date(), revokedReason: reason })
    .where(and(...conditions))
    .returning({ id: sessions.id });
  return rows.length;
}
