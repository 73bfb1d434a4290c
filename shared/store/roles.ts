import { and, asc, eq, inArray } from 'drizzle-orm';
import { rolePermissions, roles } from '../db/schema.js';
import { AppError } from '../errors.js';
import type { Permission } from '../policy/evaluate.js';
import type { Page } from '../validation/pagination.js';
import type { ListRolesQuery } from '../validation/roles.js';
import { insertReturningId } from './insert.js';
import { lockRow, replaceLinks } from './links.js';
import { containing, pageOf, stableOrder } from './lists.js';
import { uniqueViolation, type Queryable, type Resolved } from './queryable.js';
import { resolveRefs } from './refs.js';

/** A role with its permissions. */
export interface RoleRecord {
  id: string;
  name: string;
  description: string;
  builtin: boolean;
  createdAt: Date;
  permissions: Permission[];
}

const columns = {
  id: roles.id,
  name: roles.name,
  description: roles.description,
  builtin: roles.builtin,
  createdAt: roles.createdAt,
};

const sortColumns = { name: roles.name, createdAt: roles.createdAt };

/** A page of roles with their permissions. */
export async function listRoles(db: Queryable, query: ListRolesQuery): Promise<Page<RoleRecord>> {
  const where = query.name ? containing(roles.name, query.name) : undefined;
  const order = stableOrder(query.order, sortColumns[query.sort ?? 'name'], roles.id);

  const page = await pageOf(db, query, roles, where, (limit, offset) =>
    db
      .select(columns)
      .from(roles)
      .where(where)
      .orderBy(...order)
      .limit(limit)
      .offset(offset),
  );
  const permissions = await permissionsByRole(
    db,
    page.items.map((row) => row.id),
  );
  return {
    ...page,
    items: page.items.map((row) => ({ ...row, permissions: permissions.get(row.id) ?? [] })),
  };
}

/** One role with its permissions, or undefined. */
export async function findRole(db: Queryable, id: string): Promise<RoleRecord | undefined> {
  const [row] = await db.select(columns).from(roles).where(eq(roles.id, id));
  if (!row) {
    return undefined;
  }
  const permissions = await permissionsByRole(db, [id]);
  return { ...row, permissions: permissions.get(id) ?? [] };
}

/** Looks roles up by id or case-insensitive name. */
export async function resolveRoles(db: Queryable, refs: readonly string[]): Promise<Resolved> {
  return resolveRefs(db, { id: roles.id, name: roles.name }, refs);
}

/** The union of the permissions of the given roles. */
export async function permissionsOfRoles(
  db: Queryable,
  roleIds: readonly string[],
): Promise<Permission[]> {
  if (roleIds.length === 0) {
    return [];
  }
  return db
    .selectDistinct({
      product: rolePermissions.product,
      resource: rolePermissions.resource,
      action: rolePermissions.action,
    })
    .from(rolePermissions)
    .where(inArray(rolePermissions.roleId, [...roleIds]));
}

export interface NewRole {
  name: string;
  description: string;
}

/** Inserts a custom role; a taken name is 409 `IDE-1008`. */
export async function insertRole(db: Queryable, role: NewRole): Promise<string> {
  return insertReturningId(db, roles, roles.id, role, {
    rethrowConflict,
    reason: 'role_insert_returned_nothing',
  });
}

/** Renames or re-describes a custom role; a taken name is 409 `IDE-1008`. */
export async function updateRole(
  db: Queryable,
  id: string,
  changes: Partial<NewRole>,
): Promise<void> {
  if (Object.keys(changes).length === 0) {
    return;
  }
  await db
    .update(roles)
    .set({ ...changes, updatedAt: new Date() })
    .where(and(eq(roles.id, id), eq(roles.builtin, false)))
    .catch(rethrowConflict);
}

/** Replaces a role's permissions; in a transaction, with the role's row locked meanwhile. */
export async function setRolePermissions(
  db: Queryable,
  roleId: string,
  permissions: readonly Permission[],
): Promise<void> {
  await lockRow(db, roles.id, roleId, { kind: 'role_not_found', reason: 'role_gone' });
  await replaceLinks(
    db,
    rolePermissions,
    rolePermissions.roleId,
    roleId,
    permissions.map((permission) => ({ roleId, ...permission })),
  );
}

/** Deletes a custom role (its grants to groups and applications cascade); never a builtin. */
export async function deleteRole(db: Queryable, id: string): Promise<boolean> {
  const rows = await db
    .delete(roles)
    .where(and(eq(roles.id, id), eq(roles.builtin, false)))
    .returning({ id: roles.id });
  return rows.length > 0;
}

async function permissionsByRole(
  db: Queryable,
  roleIds: readonly string[],
): Promise<Map<string, Permission[]>> {
  const byRole = new Map<string, Permission[]>();
  if (roleIds.length === 0) {
    return byRole;
  }
  const rows = await db
    .select({
      roleId: rolePermissions.roleId,
      product: rolePermissions.product,
      resource: rolePermissions.resource,
      action: rolePermissions.action,
    })
    .from(rolePermissions)
    .where(inArray(rolePermissions.roleId, [...roleIds]))
    .orderBy(
      asc(rolePermissions.product),
      asc(rolePermissions.resource),
      asc(rolePermissions.action),
    );
  for (const { roleId, ...permission } of rows) {
    byRole.set(roleId, [...(byRole.get(roleId) ?? []), permission]);
  }
  return byRole;
}

function rethrowConflict(error: unknown): never {
  if (uniqueViolation(error) === 'roles_name_ci') {
    throw new AppError('conflict', {
      reason: 'role_name_taken',
      message: 'A role with this name already exists.',
    });
  }
  throw error;
}
