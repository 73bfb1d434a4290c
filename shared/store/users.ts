import { and, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import { groups, userGroups, users } from '../db/schema.js';
import { AppError } from '../errors.js';
import type { Page } from '../validation/pagination.js';
import type { ListUsersQuery } from '../validation/users.js';
import { insertReturningId } from './insert.js';
import { linkedNames, lockRow, replaceLinks } from './links.js';
import { containing, pageOf, stableOrder } from './lists.js';
import { uniqueViolation, type Queryable } from './queryable.js';

/** A user as identity shows it: never the password hash. */
export interface UserRecord {
  id: string;
  username: string;
  email: string;
  firstName: string;
  lastName: string;
  blockedAt: Date | null;
  seeded: boolean;
  createdAt: Date;
  /** Names of the user's groups, sorted. */
  groups: string[];
}

const columns = {
  id: users.id,
  username: users.username,
  email: users.email,
  firstName: users.firstName,
  lastName: users.lastName,
  blockedAt: users.blockedAt,
  seeded: users.seeded,
  createdAt: users.createdAt,
};

const sortColumns = {
  username: users.username,
  email: users.email,
  firstName: users.firstName,
  lastName: users.lastName,
  createdAt: users.createdAt,
};

/** A page of users matching the query's filters, in the requested order. */
export async function listUsers(db: Queryable, query: ListUsersQuery): Promise<Page<UserRecord>> {
  const where = and(
    query.username ? containing(users.username, query.username) : undefined,
    query.email ? containing(users.email, query.email) : undefined,
    query.group ? inArray(users.id, membersOfGroupNamed(db, query.group)) : undefined,
  );
  const order = stableOrder(query.order, sortColumns[query.sort ?? 'createdAt'], users.id);

  const page = await pageOf(db, query, users, where, (limit, offset) =>
    db
      .select(columns)
      .from(users)
      .where(where)
      .orderBy(...order)
      .limit(limit)
      .offset(offset),
  );
  const names = await groupNamesOf(
    db,
    page.items.map((row) => row.id),
  );
  return { ...page, items: page.items.map((row) => ({ ...row, groups: names.get(row.id) ?? [] })) };
}

/** One user with its group names, or undefined. */
export async function findUser(db: Queryable, id: string): Promise<UserRecord | undefined> {
  const [row] = await db.select(columns).from(users).where(eq(users.id, id));
  if (!row) {
    return undefined;
  }
  const names = await groupNamesOf(db, [id]);
  return { ...row, groups: names.get(id) ?? [] };
}

/** The stored password hash of a user, or undefined when there is no such user. */
export async function findPasswordHash(db: Queryable, id: string): Promise<string | undefined> {
  const [row] = await db
    .select({ passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.id, id));
  return row?.passwordHash;
}

export interface NewUser {
  username: string;
  email: string;
  firstName: string;
  lastName: string;
  passwordHash: string;
}

/**
 * Inserts a user; a taken username or email (case-insensitive unique indexes) is 409
 * `IDE-1008`. Relying on the index, not a prior lookup, makes concurrent creation safe.
 */
export async function insertUser(db: Queryable, user: NewUser): Promise<string> {
  return insertReturningId(db, users, users.id, user, {
    rethrowConflict,
    reason: 'user_insert_returned_nothing',
  });
}

export interface UserChanges {
  firstName?: string;
  lastName?: string;
  email?: string;
}

/** Applies field changes to a user; a taken email is 409 `IDE-1008`. */
export async function updateUser(db: Queryable, id: string, changes: UserChanges): Promise<void> {
  if (Object.keys(changes).length === 0) {
    return;
  }
  await db
    .update(users)
    .set({ ...changes, updatedAt: new Date() })
    .where(eq(users.id, id))
    .catch(rethrowConflict);
}

/**
 * Replaces a user's group memberships. Call inside a transaction: the user's row is locked so
 * concurrent replacements apply one after the other, never merged or failing on each other.
 */
export async function setUserGroups(
  db: Queryable,
  userId: string,
  groupIds: readonly string[],
): Promise<void> {
  await lockRow(db, users.id, userId, { kind: 'user_not_found', reason: 'user_gone' });
  await replaceLinks(
    db,
    userGroups,
    userGroups.userId,
    userId,
    groupIds.map((groupId) => ({ userId, groupId })),
    { kind: 'group_not_found', reason: 'group_gone' },
  );
}

/** Ids of the groups a user belongs to. */
export async function groupIdsOfUser(db: Queryable, userId: string): Promise<string[]> {
  const rows = await db
    .select({ groupId: userGroups.groupId })
    .from(userGroups)
    .where(eq(userGroups.userId, userId));
  return rows.map((row) => row.groupId);
}

/** Stores a new password hash. */
export async function setPasswordHash(db: Queryable, id: string, hash: string): Promise<void> {
  await db.update(users).set({ passwordHash: hash, updatedAt: new Date() }).where(eq(users.id, id));
}

/**
 * Blocks (`at` a date) or unblocks (`at` null) a user; returns whether the state changed, so
 * repeating the call is harmless and audited once.
 */
export async function setBlocked(db: Queryable, id: string, at: Date | null): Promise<boolean> {
  const unchanged = at ? isNull(users.blockedAt) : isNotNull(users.blockedAt);
  const rows = await db
    .update(users)
    .set({ blockedAt: at, updatedAt: new Date() })
    .where(and(eq(users.id, id), unchanged))
    .returning({ id: users.id });
  return rows.length > 0;
}

/** Deletes a user; sessions, refresh tokens and memberships go with it (FK cascade). */
export async function deleteUser(db: Queryable, id: string): Promise<boolean> {
  const rows = await db.delete(users).where(eq(users.id, id)).returning({ id: users.id });
  return rows.length > 0;
}

/** Group names per user id, sorted by name. */
function groupNamesOf(db: Queryable, userIds: readonly string[]): Promise<Map<string, string[]>> {
  return linkedNames(
    db,
    { owner: userGroups.userId, target: userGroups.groupId },
    { id: groups.id, name: groups.name },
    userIds,
  );
}

function membersOfGroupNamed(db: Queryable, name: string) {
  return db
    .select({ userId: userGroups.userId })
    .from(userGroups)
    .innerJoin(groups, eq(groups.id, userGroups.groupId))
    .where(sql`lower(${groups.name}) = lower(${name})`);
}

function rethrowConflict(error: unknown): never {
  const constraint = uniqueViolation(error);
  if (constraint === 'users_username_ci') {
    throw new AppError('conflict', {
      reason: 'username_taken',
      message: 'A user with this username already exists.',
    });
  }
  if (constraint === 'users_email_ci') {
    throw new AppError('conflict', {
      reason: 'email_taken',
      message: 'A user with this email already exists.',
    });
  }
  throw error;
}
