import { and, asc, count, desc, eq, ilike, inArray, or, sql } from 'drizzle-orm';
import { rolePermissions, roles } from '../db/schema.js';
import { AppError } from '../errors.js';
import type { Permission } from '../policy/evaluate.js';
import { splitRefs } from '../validation/fields.js';
import { escapeLike } from '../validation/normalize.js';
import { offsetOf, type Page } from '../validation/pagination.js';
import type { ListRolesQuery } from '../validation/roles.js';
import { uniqueViolation, type Queryable, type Resolved } from './queryable.js';

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
  const where = query.name ? ilike(roles.name, `%${escapeLike(query.name)}%`) : undefined;
  const direction = query.order === 'desc' ? desc : asc;

  const [rows, totals] = await Promise.all([
    db
      .select(columns)
      .from(roles)
      .where(where)
      .orderBy(direction(sortColumns[query.sort ?? 'name']), direction(roles.id))
      .limit(query.limit)
      .offset(offsetOf(query)),
    db.select({ total: count() }).from(roles).where(where),
  ]);
  const permissions = await permissionsByRole(
    db,
    rows.map((row) => row.id),
  );
  return {
    items: rows.map((row) => ({ ...row, permissions: permissions.get(row.id) ?? [] })),
    page: query.page,
    limit: query.limit,
    total: totals[0]?.total ?? 0,
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
  if (refs.length === 0) {
    return { found: [], missing: [] };
  }
  const { ids, names } = splitRefs(refs);
  const found = await db
    .select({ id: roles.id, name: roles.name })
    .from(roles)
    .where(
      or(
        ids.length > 0 ? inArray(roles.id, ids) : undefined,
        names.length > 0
          ? inArray(
              sql`lower(${roles.name})`,
              names.map((name) => name.toLowerCase()),
            )
          : undefined,
      ),
    );
  const missing = refs.filter(
    (ref) =>
      !found.some(
        (row) => row.id === ref.toLowerCase() || row.name.toLowerCase() === ref.toLowerCase(),
      ),
  );
  return { found, missing };
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
  const rows = await db
    .insert(roles)
    .values(role)
    .returning({ id: roles.id })
    .catch(rethrowConflict);
  const id = rows[0]?.id;
  if (!id) {
    throw new AppError('internal', { reason: 'role_insert_returned_nothing' });
  }
  return id;
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
  const locked = await db
    .select({ id: roles.id })
    .from(roles)
    .where(eq(roles.id, roleId))
    .for('update');
  if (locked.length === 0) {
    throw new AppError('role_not_found', { reason: 'role_gone' });
  }
  await db.delete(rolePermissions).where(eq(rolePermissions.roleId, roleId));
  if (permissions.length > 0) {
    await db
      .insert(rolePermissions)
      .values(permissions.map((permission) => ({ roleId, ...permission })));
  }
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
