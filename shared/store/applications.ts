import { and, eq, gt, isNull, or, sql } from 'drizzle-orm';
import { applicationRoles, applicationSecrets, applications, roles } from '../db/schema.js';
import { AppError } from '../errors.js';
import type { ListApplicationsQuery } from '../validation/applications.js';
import type { Page } from '../validation/pagination.js';
import { insertReturningId } from './insert.js';
import { linkedNames, lockRow, replaceLinks } from './links.js';
import { containing, pageOf, stableOrder } from './lists.js';
import { uniqueViolation, type Queryable } from './queryable.js';

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
  const where = query.name ? containing(applications.name, query.name) : undefined;
  const order = stableOrder(query.order, sortColumns[query.sort ?? 'createdAt'], applications.id);

  const page = await pageOf(db, query, applications, where, (limit, offset) =>
    db
      .select(columns)
      .from(applications)
      .where(where)
      .orderBy(...order)
      .limit(limit)
      .offset(offset),
  );
  const names = await roleNamesOf(
    db,
    page.items.map((row) => row.id),
  );
  return { ...page, items: page.items.map((row) => ({ ...row, roles: names.get(row.id) ?? [] })) };
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
  const id = await insertReturningId(
    db,
    applications,
    applications.id,
    { name: app.name, description: app.description, clientId: app.clientId },
    {
      rethrowConflict,
      reason: 'application_insert_returned_nothing',
    },
  );
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
      expiresAt: sql`least(
        coalesce(${applicationSecrets.expiresAt}, ${overlapUntil}),
        ${overlapUntil}
      )`,
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
  await replaceLinks(
    db,
    applicationRoles,
    applicationRoles.applicationId,
    applicationId,
    roleIds.map((roleId) => ({ applicationId, roleId })),
    { kind: 'role_not_found', reason: 'role_gone' },
  );
}

/** Locks an application's row until the transaction ends, so its changes serialize. */
function lockApplication(db: Queryable, applicationId: string): Promise<void> {
  return lockRow(db, applications.id, applicationId, {
    kind: 'application_not_found',
    reason: 'application_gone',
  });
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

/** Role names per application id, sorted by name. */
function roleNamesOf(
  db: Queryable,
  applicationIds: readonly string[],
): Promise<Map<string, string[]>> {
  return linkedNames(
    db,
    { owner: applicationRoles.applicationId, target: applicationRoles.roleId },
    { id: roles.id, name: roles.name },
    applicationIds,
  );
}

function rethrowConflict(error: unknown): never {
  if (uniqueViolation(error) === 'applications_client_id') {
    // 128 random bits collided, or a caller reused an id: either way, retrying is the answer.
    throw new AppError('conflict', { reason: 'client_id_taken' });
  }
  throw error;
}
