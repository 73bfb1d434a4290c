import { and, asc, eq, inArray } from 'drizzle-orm';
import { groupRoles, groups, rolePermissions, roles, userGroups, users } from '../db/schema.js';
import { AppError } from '../errors.js';
import type { Permission } from '../policy/evaluate.js';
import type { ListGroupsQuery } from '../validation/groups.js';
import type { Page } from '../validation/pagination.js';
import { insertReturningId } from './insert.js';
import { linkedNames, lockRow, replaceLinks } from './links.js';
import { containing, pageOf, stableOrder } from './lists.js';
import { uniqueViolation, type Queryable, type Resolved } from './queryable.js';
import { resolveRefs } from './refs.js';

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
  const where = query.name ? containing(groups.name, query.name) : undefined;
  const order = stableOrder(query.order, sortColumns[query.sort ?? 'name'], groups.id);

  const page = await pageOf(db, query, groups, where, (limit, offset) =>
    db
      .select(columns)
      .from(groups)
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
  return resolveRefs(db, { id: groups.id, name: groups.name }, refs);
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
  return insertReturningId(db, groups, groups.id, group, {
    rethrowConflict,
    reason: 'group_insert_returned_nothing',
  });
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
  await lockRow(db, groups.id, groupId, { kind: 'group_not_found', reason: 'group_gone' });
  await replaceLinks(
    db,
    groupRoles,
    groupRoles.groupId,
    groupId,
    roleIds.map((roleId) => ({ groupId, roleId })),
    { kind: 'role_not_found', reason: 'role_gone' },
  );
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

/** Role names per group id, sorted by name. */
function roleNamesOf(db: Queryable, groupIds: readonly string[]): Promise<Map<string, string[]>> {
  return linkedNames(
    db,
    { owner: groupRoles.groupId, target: groupRoles.roleId },
    { id: roles.id, name: roles.name },
    groupIds,
  );
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
