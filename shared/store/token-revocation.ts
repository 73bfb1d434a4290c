import { eq } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { revokedAccessTokens } from '../db/schema.js';

/** Marks an access token revoked until it would have expired anyway (RFC 7009 §2). */
export async function revokeAccessToken(db: Database, jti: string, expiresAt: Date): Promise<void> {
  await db.insert(revokedAccessTokens).values({ jti, expiresAt }).onConflictDoNothing();
}

/** Whether an access token was revoked before its expiry. */
export async function isAccessTokenRevoked(db: Database, jti: string): Promise<boolean> {
  const rows = await db
    .select({ jti: revokedAccessTokens.jti })
    .from(revokedAccessTokens)
    .where(eq(revokedAccessTokens.jti, jti))
    .limit(1);
  return rows.length > 0;
}
