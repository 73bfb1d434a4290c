import { and, asc, count, desc, eq, gt, ilike, inArray, isNull, or, sql } from 'drizzle-orm';
import { applicationRoles, applicationSecrets, applications, roles } from '../db/schema.js';
import { AppError } from '../errors.js';
import type { ListApplicationsQuery } from '../validation/applications.js';
import { escapeLike } from '../validation/normalize.js';
import { offsetOf, type Page } from '../validation/pagination.js';
import { isForeignKeyViolation, uniqueViolation, type Queryable } from './queryable.js';

/** An application as identity shows it: never a secret or its digest. */
export interface ApplicationRecord {
  id: string;
  name: string;
  description: string;
  clientId: string;
  firstParty: boolean;
  createdAt: Date;
  /** Names of the roles it holds, sorted. */
  roles: string[];
}

const columns = {
  id: applications.id,
  name: applications.name,
  description: applications.description,
  clientId: applications.clientId,
  firstParty: applications.firstParty,
  createdAt: applications.createdAt,
};

const sortColumns = { name: applications.name, createdAt: applications.createdAt };

/** A page of applications with their role names. */
export async function listApplications(
  db: Queryable,
  query: ListApplicationsQuery,
): Promise<Page<ApplicationRecord>> {
  const where = query.name ? ilike(applications.name, `%${escapeLike(query.name)}%`) : undefined;
  const direction = query.order === 'desc' ? desc : asc;

  const [rows, totals] = await Promise.all([
    db
      .select(columns)
      .from(applications)
      .where(where)
      .orderBy(direction(sortColumns[query.sort ?? 'createdAt']), direction(applications.id))
      .limit(query.limit)
      .offset(offsetOf(query)),
    db.select({ total: count() }).from(applications).where(where),
  ]);
  const names = await roleNamesOf(
    db,
    rows.map((row) => row.id),
  );
  return {
    items: rows.map((row) => ({ ...row, roles: names.get(row.id) ?? [] })),
    page: query.page,
    limit: query.limit,
    total: totals[0]?.total ?? 0,
  };
}

/** One application with its role names, or undefined. */
export async function findApplication(
  db: Queryable,
  id: string,
): Promise<ApplicationRecord | undefined> {
  const [row] = await db.select(columns).from(applications).where(eq(applications.id, id));
  if (!row) {
    return undefined;
  }
  const names = await roleNamesOf(db, [id]);
  return { ...row, roles: names.get(id) ?? [] };
}

export interface NewApplication {
  name: string;
  description: string;
  clientId: string;
  /** `digestSecret()` of the first client secret; the secret itself is never stored. */
  secretDigest: string;
}

/** Inserts an M2M application and its first secret; returns the new id. */
export async function insertApplication(db: Queryable, app: NewApplication): Promise<string> {
  const rows = await db
    .insert(applications)
    .values({ name: app.name, description: app.description, clientId: app.clientId })
    .returning({ id: applications.id })
    .catch(rethrowConflict);
  const id = rows[0]?.id;
  if (!id) {
    throw new AppError('internal', { reason: 'application_insert_returned_nothing' });
  }
  await db.insert(applicationSecrets).values({ applicationId: id, digest: app.secretDigest });
  return id;
}

/**
 * Rotates an application's secret: every secret still live gets `expires_at` no later than
 * `overlapUntil` (an earlier expiry from a previous rotation is kept), then the new digest
 * becomes the current secret. Returns how many previous secrets stay usable until then.
 */
export async function rotateSecret(
  db: Queryable,
  applicationId: string,
  digest: string,
  now: Date,
  overlapUntil: Date,
): Promise<number> {
  await lockApplication(db, applicationId);
  const live = and(
    eq(applicationSecrets.applicationId, applicationId),
    or(isNull(applicationSecrets.expiresAt), gt(applicationSecrets.expiresAt, now)),
  );
  const previous = await db
    .update(applicationSecrets)
    .set({
      expiresAt: sql`least(coalesce(${applicationSecrets.expiresAt}, ${overlapUntil}), ${overlapUntil})`,
    })
    .where(live)
    .returning({ id: applicationSecrets.id });
  await db.insert(applicationSecrets).values({ applicationId, digest, createdAt: now });
  return previous.length;
}

/** Ids of the roles an application holds. */
export async function roleIdsOfApplication(
  db: Queryable,
  applicationId: string,
): Promise<string[]> {
  const rows = await db
    .select({ roleId: applicationRoles.roleId })
    .from(applicationRoles)
    .where(eq(applicationRoles.applicationId, applicationId));
  return rows.map((row) => row.roleId);
}

/** Replaces the roles an application holds; in a transaction, with its row locked meanwhile. */
export async function setApplicationRoles(
  db: Queryable,
  applicationId: string,
  roleIds: readonly string[],
): Promise<void> {
  await lockApplication(db, applicationId);
  await db.delete(applicationRoles).where(eq(applicationRoles.applicationId, applicationId));
  if (roleIds.length > 0) {
    await db
      .insert(applicationRoles)
      .values(roleIds.map((roleId) => ({ applicationId, roleId })))
      .catch((error: unknown) => {
        throw isForeignKeyViolation(error)
          ? new AppError('role_not_found', { reason: 'role_gone' })
          : error;
      });
  }
}

/** Locks an application's row until the transaction ends, so its changes serialize. */
async function lockApplication(db: Queryable, applicationId: string): Promise<void> {
  const locked = await db
    .select({ id: applications.id })
    .from(applications)
    .where(eq(applications.id, applicationId))
    .for('update');
  if (locked.length === 0) {
    throw new AppError('application_not_found', { reason: 'application_gone' });
  }
}

/**
 * Deletes an application: secrets, role grants and sessions cascade, and its access tokens stop
 * working at once because the auth side checks the application still exists.
 */
export async function deleteApplication(db: Queryable, id: string): Promise<boolean> {
  const rows = await db
    .delete(applications)
    .where(eq(applications.id, id))
    .returning({ id: applications.id });
  return rows.length > 0;
}

async function roleNamesOf(
  db: Queryable,
  applicationIds: readonly string[],
): Promise<Map<string, string[]>> {
  const names = new Map<string, string[]>();
  if (applicationIds.length === 0) {
    return names;
  }
  const rows = await db
    .select({ applicationId: applicationRoles.applicationId, name: roles.name })
    .from(applicationRoles)
    .innerJoin(roles, eq(roles.id, applicationRoles.roleId))
    .where(inArray(applicationRoles.applicationId, [...applicationIds]))
    .orderBy(asc(roles.name));
  for (const row of rows) {
    names.set(row.applicationId, [...(names.get(row.applicationId) ?? []), row.name]);
  }
  return names;
}

function rethrowConflict(error: unknown): never {
  if (uniqueViolation(error) === 'applications_client_id') {
    // 128 random bits collided, or a caller reused an id: either way, retrying is the answer.
    throw new AppError('conflict', { reason: 'client_id_taken' });
  }
  throw error;
}
