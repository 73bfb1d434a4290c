import { eq } from 'drizzle-orm';
import type { Principal } from '../auth/principal.js';
import type { Database } from '../db/client.js';
import { applicationRoles, groupRoles, rolePermissions, roles, userGroups } from '../db/schema.js';
import type { Permission } from '../policy/evaluate.js';

/**
 * A principal's effective permissions: the union over its groups' roles (people) or its own
 * roles (applications), SPEC §6.
 */
export async function loadPermissions(db: Database, principal: Principal): Promise<Permission[]> {
  const columns = {
    product: rolePermissions.product,
    resource: rolePermissions.resource,
    action: rolePermissions.action,
  };
  if (principal.kind === 'application') {
    return db
      .selectDistinct(columns)
      .from(applicationRoles)
      .innerJoin(rolePermissions, eq(rolePermissions.roleId, applicationRoles.roleId))
      .where(eq(applicationRoles.applicationId, principal.id));
  }
  return db
    .selectDistinct(columns)
    .from(userGroups)
    .innerJoin(groupRoles, eq(groupRoles.groupId, userGroups.groupId))
    .innerJoin(rolePermissions, eq(rolePermissions.roleId, groupRoles.roleId))
    .where(eq(userGroups.userId, principal.id));
}

/** Names of the roles an application holds. */
export async function loadRoleNames(db: Database, applicationId: string): Promise<string[]> {
  const rows = await db
    .select({ name: roles.name })
    .from(applicationRoles)
    .innerJoin(roles, eq(roles.id, applicationRoles.roleId))
    .where(eq(applicationRoles.applicationId, applicationId));
  return rows.map((row) => row.name);
}
