import { and, asc, count, desc, eq, ilike, inArray, or, sql } from 'drizzle-orm';
import { groupRoles, groups, rolePermissions, roles, userGroups, users } from '../db/schema.js';
import { AppError } from '../errors.js';
import type { Permission } from '../policy/evaluate.js';
import { splitRefs } from '../validation/fields.js';
import type { ListGroupsQuery } from '../validation/groups.js';
import { escapeLike } from '../validation/normalize.js';
import { offsetOf, type Page } from '../validation/pagination.js';
import {
  isForeignKeyViolation,
  uniqueViolation,
  type Queryable,
  type Resolved,
} from './queryable.js';

/** A group with the names of its roles. */
export interface GroupRecord {
  id: string;
  name: string;
  description: string;
  builtin: boolean;
  createdAt: Date;
  roles: string[];
}

/** A member as a group lists it. */
export interface GroupMember {
  id: string;
  username: string;
}

const columns = {
  id: groups.id,
  name: groups.name,
  description: groups.description,
  builtin: groups.builtin,
  createdAt: groups.createdAt,
};

const sortColumns = { name: groups.name, createdAt: groups.createdAt };

/** A page of groups with their role names. */
export async function listGroups(
  db: Queryable,
  query: ListGroupsQuery,
): Promise<Page<GroupRecord>> {
  const where = query.name ? ilike(groups.name, `%${escapeLike(query.name)}%`) : undefined;
  const direction = query.order === 'desc' ? desc : asc;

  const [rows, totals] = await Promise.all([
    db
      .select(columns)
      .from(groups)
      .where(where)
      .orderBy(direction(sortColumns[query.sort ?? 'name']), direction(groups.id))
      .limit(query.limit)
      .offset(offsetOf(query)),
    db.select({ total: count() }).from(groups).where(where),
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

/** One group with its role names, or undefined. */
export async function findGroup(db: Queryable, id: string): Promise<GroupRecord | undefined> {
  const [row] = await db.select(columns).from(groups).where(eq(groups.id, id));
  if (!row) {
    return undefined;
  }
  const names = await roleNamesOf(db, [id]);
  return { ...row, roles: names.get(id) ?? [] };
}

/** The members of a group, by username. */
export async function groupMembers(db: Queryable, groupId: string): Promise<GroupMember[]> {
  return db
    .select({ id: users.id, username: users.username })
    .from(userGroups)
    .innerJoin(users, eq(users.id, userGroups.userId))
    .where(eq(userGroups.groupId, groupId))
    .orderBy(asc(users.username));
}

/** Looks groups up by id or case-insensitive name. */
export async function resolveGroups(db: Queryable, refs: readonly string[]): Promise<Resolved> {
  if (refs.length === 0) {
    return { found: [], missing: [] };
  }
  const { ids, names } = splitRefs(refs);
  const found = await db
    .select({ id: groups.id, name: groups.name })
    .from(groups)
    .where(
      or(
        ids.length > 0 ? inArray(groups.id, ids) : undefined,
        names.length > 0 ? inArray(sql`lower(${groups.name})`, lowered(names)) : undefined,
      ),
    );
  const missing = refs.filter(
    (ref) => !found.some((row) => row.id === ref.toLowerCase() || lower(row.name) === lower(ref)),
  );
  return { found, missing };
}

/** The union of the permissions the given groups' roles hold. */
export async function permissionsOfGroups(
  db: Queryable,
  groupIds: readonly string[],
): Promise<Permission[]> {
  if (groupIds.length === 0) {
    return [];
  }
  return db
    .selectDistinct({
      product: rolePermissions.product,
      resource: rolePermissions.resource,
      action: rolePermissions.action,
    })
    .from(groupRoles)
    .innerJoin(rolePermissions, eq(rolePermissions.roleId, groupRoles.roleId))
    .where(inArray(groupRoles.groupId, [...groupIds]));
}

export interface NewGroup {
  name: string;
  description: string;
}

/** Inserts a custom group; a taken name is 409 `IDE-1008`. */
export async function insertGroup(db: Queryable, group: NewGroup): Promise<string> {
  const rows = await db
    .insert(groups)
    .values(group)
    .returning({ id: groups.id })
    .catch(rethrowConflict);
  const id = rows[0]?.id;
  if (!id) {
    throw new AppError('internal', { reason: 'group_insert_returned_nothing' });
  }
  return id;
}

/** Renames or re-describes a group; a taken name is 409 `IDE-1008`. */
export async function updateGroup(
  db: Queryable,
  id: string,
  changes: Partial<NewGroup>,
): Promise<void> {
  if (Object.keys(changes).length === 0) {
    return;
  }
  await db
    .update(groups)
    .set({ ...changes, updatedAt: new Date() })
    .where(and(eq(groups.id, id), eq(groups.builtin, false)))
    .catch(rethrowConflict);
}

/** Replaces a group's roles; in a transaction, with the group's row locked meanwhile. */
export async function setGroupRoles(
  db: Queryable,
  groupId: string,
  roleIds: readonly string[],
): Promise<void> {
  const locked = await db
    .select({ id: groups.id })
    .from(groups)
    .where(eq(groups.id, groupId))
    .for('update');
  if (locked.length === 0) {
    throw new AppError('group_not_found', { reason: 'group_gone' });
  }
  await db.delete(groupRoles).where(eq(groupRoles.groupId, groupId));
  if (roleIds.length > 0) {
    await db
      .insert(groupRoles)
      .values(roleIds.map((roleId) => ({ groupId, roleId })))
      .catch((error: unknown) => {
        throw isForeignKeyViolation(error)
          ? new AppError('role_not_found', { reason: 'role_gone' })
          : error;
      });
  }
}

/** Ids of a group's roles. */
export async function roleIdsOfGroup(db: Queryable, groupId: string): Promise<string[]> {
  const rows = await db
    .select({ roleId: groupRoles.roleId })
    .from(groupRoles)
    .where(eq(groupRoles.groupId, groupId));
  return rows.map((row) => row.roleId);
}

/** Deletes a custom group (memberships cascade); never a builtin one. */
export async function deleteGroup(db: Queryable, id: string): Promise<boolean> {
  const rows = await db
    .delete(groups)
    .where(and(eq(groups.id, id), eq(groups.builtin, false)))
    .returning({ id: groups.id });
  return rows.length > 0;
}

async function roleNamesOf(
  db: Queryable,
  groupIds: readonly string[],
): Promise<Map<string, string[]>> {
  const names = new Map<string, string[]>();
  if (groupIds.length === 0) {
    return names;
  }
  const rows = await db
    .select({ groupId: groupRoles.groupId, name: roles.name })
    .from(groupRoles)
    .innerJoin(roles, eq(roles.id, groupRoles.roleId))
    .where(inArray(groupRoles.groupId, [...groupIds]))
    .orderBy(asc(roles.name));
  for (const row of rows) {
    names.set(row.groupId, [...(names.get(row.groupId) ?? []), row.name]);
  }
  return names;
}

function lower(value: string): string {
  return value.toLowerCase();
}

function lowered(values: readonly string[]): string[] {
  return values.map(lower);
}

function rethrowConflict(error: unknown): never {
  if (uniqueViolation(error) === 'groups_name_ci') {
    throw new AppError('conflict', {
      reason: 'group_name_taken',
      message: 'A group with this name already exists.',
    });
  }
  throw error;
}
