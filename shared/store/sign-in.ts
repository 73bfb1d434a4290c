import { eq, sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { users } from '../db/schema.js';

/** What a password sign-in needs to know about a person. */
export interface SignInUser {
  id: string;
  username: string;
  email: string;
  firstName: string;
  lastName: string;
  passwordHash: string;
  blocked: boolean;
}

const columns = {
  id: users.id,
  username: users.username,
  email: users.email,
  firstName: users.firstName,
  lastName: users.lastName,
  passwordHash: users.passwordHash,
  blockedAt: users.blockedAt,
};

/** Finds a person by username, case-insensitively (usernames are stored NFKC-normalized). */
export async function findUserByUsername(
  db: Database,
  username: string,
): Promise<SignInUser | undefined> {
  const [row] = await db
    .select(columns)
    .from(users)
    .where(sql`lower(${users.username}) = lower(${username})`)
    .limit(1);
  return row ? toSignInUser(row) : undefined;
}

/** Finds a person by id. */
export async function findUserById(db: Database, id: string): Promise<SignInUser | undefined> {
  const [row] = await db.select(columns).from(users).where(eq(users.id, id)).limit(1);
  return row ? toSignInUser(row) : undefined;
}

/** Stores a re-computed hash (parameters or pepper changed), unless the password changed since. */
export async function replacePasswordHash(
  db: Database,
  userId: string,
  previousHash: string,
  nextHash: string,
): Promise<void> {
  await db
    .update(users)
    .set({ passwordHash: nextHash })
    .where(sql`${users.id} = ${userId} and ${users.passwordHash} = ${previousHash}`);
}

function toSignInUser(row: Omit<SignInUser, 'blocked'> & { blockedAt: Date | null }): SignInUser {
  const { blockedAt, ...rest } = row;
  return { ...rest, blocked: blockedAt !== null };
}
