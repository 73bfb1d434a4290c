import { eq, sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { refreshTokens, sessions, users } from '../db/schema.js';

/** A refresh token with its family (session) and the person it belongs to. */
export interface RefreshTokenRecord {
  tokenId: string;
  sessionId: string;
  applicationId: string;
  userId: string;
  scope: string;
  expiresAt: Date;
  rotatedAt: Date | null;
  sessionRevokedAt: Date | null;
  sessionExpiresAt: Date;
  sessionCreatedAt: Date;
  userBlocked: boolean;
}

/** Opens a session (refresh-token family) with its first token. Returns the session id. */
export async function openSession(
  db: Database,
  input: {
    userId: string;
    applicationId: string;
    scope: string;
    tokenDigest: string;
    tokenExpiresAt: Date;
    sessionExpiresAt: Date;
  },
): Promise<string> {
  return db.transaction(async (tx) => {
    const [session] = await tx
      .insert(sessions)
      .values({
        userId: input.userId,
        applicationId: input.applicationId,
        scope: input.scope,
        expiresAt: input.sessionExpiresAt,
      })
      .returning({ id: sessions.id });
    if (!session) {
      throw new Error('session insert returned nothing');
    }
    await tx.insert(refreshTokens).values({
      sessionId: session.id,
      digest: input.tokenDigest,
      scope: input.scope,
      expiresAt: input.tokenExpiresAt,
    });
    return session.id;
  });
}

/** Finds a refresh token by its digest. */
export async function findRefreshToken(
  db: Database,
  digest: string,
): Promise<RefreshTokenRecord | undefined> {
  const [row] = await db
    .select({
      tokenId: refreshTokens.id,
      sessionId: refreshTokens.sessionId,
      applicationId: sessions.applicationId,
      userId: sessions.userId,
      scope: refreshTokens.scope,
      expiresAt: refreshTokens.expiresAt,
      rotatedAt: refreshTokens.rotatedAt,
      sessionRevokedAt: sessions.revokedAt,
      sessionExpiresAt: sessions.expiresAt,
      sessionCreatedAt: sessions.createdAt,
      blockedAt: users.blockedAt,
    })
    .from(refreshTokens)
    .innerJoin(sessions, eq(sessions.id, refreshTokens.sessionId))
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(refreshTokens.digest, digest))
    .limit(1);
  if (!row) {
    return undefined;
  }
  const { blockedAt, ...rest } = row;
  return { ...rest, userBlocked: blockedAt !== null };
}

/**
 * Rotates a refresh token in ONE conditional write (RFC 9700 §4.14.2): the old token is marked
 * rotated only if it still is live and its family is not revoked, and the new token is inserted
 * by that same statement. Of any number of concurrent calls with the same token, exactly one
 * gets `true`; the others change nothing.
 */
export async function rotateRefreshToken(
  db: Database,
  input: { tokenId: string; nextDigest: string; scope: string; expiresAt: Date; now: Date },
): Promise<boolean> {
  const result = await db.execute(sql`
    with claimed as (
      update ${refreshTokens} set rotated_at = ${input.now}
      where ${refreshTokens.id} = ${input.tokenId}
        and ${refreshTokens.rotatedAt} is null
        and ${refreshTokens.expiresAt} > ${input.now}
        and exists (
          select 1 from ${sessions}
          where ${sessions.id} = ${refreshTokens.sessionId} and ${sessions.revokedAt} is null
        )
      returning ${refreshTokens.sessionId} as session_id
    )
    insert into ${refreshTokens} (session_id, digest, scope, expires_at)
    select session_id, ${input.nextDigest}, ${input.scope}, ${input.expiresAt} from claimed
    returning id`);
  return result.rows.length === 1;
}
