import { Hono } from 'hono';
import { AppError } from '../../../shared/errors.js';
import { requirePrincipal } from '../../../shared/http/bearer.js';
import type { AppEnv } from '../../../shared/http/context.js';
import { recordAudit } from '../../../shared/store/audit.js';
import {
  deleteRole,
  insertRole,
  listRoles,
  setRolePermissions,
  updateRole,
  type RoleRecord,
} from '../../../shared/store/roles.js';
import {
  createRoleBody,
  listRolesQuery,
  ROLE_UNMODIFIABLE,
  updateRoleBody,
} from '../../../shared/validation/roles.js';
import { definedOnly, fieldChanges } from '../domain/diff.js';
import { assertHoldsAll } from '../domain/escalation.js';
import { auditEvent } from '../http/audit.js';
import { allow } from '../http/guards.js';
import { readBody, readId, readQuery, requireSomeField } from '../http/input.js';
import { manageableRole, roleOr404 } from '../lookups.js';
import { roleJson } from '../views.js';

/**
 * `/v1/roles`: a role is a named set of `{product, resource, action}` (`*` allowed). Seeded
 * roles are read-only; nobody writes a permission into a role that they do not hold.
 */
export const roles = new Hono<AppEnv>();

roles.get('/v1/roles', requirePrincipal(), allow('roles', 'get'), async (c) => {
  const query = readQuery(c, listRolesQuery);

  const page = await listRoles(c.var.services.db(), query);
  return c.json({ ...page, items: page.items.map(roleJson) });
});

roles.get('/v1/roles/:id', requirePrincipal(), allow('roles', 'get'), async (c) => {
  const id = readId(c);

  return c.json(roleJson(await roleOr404(c.var.services.db(), id)));
});

roles.post('/v1/roles', requirePrincipal(), allow('roles', 'post'), async (c) => {
  const body = await readBody(c, createRoleBody);
  assertHoldsAll(c.var.permissions, body.permissions, 'role_permissions');
  const db = c.var.services.db();

  const created = await db.transaction(async (tx) => {
    const id = await insertRole(tx, { name: body.name, description: body.description });
    await setRolePermissions(tx, id, body.permissions);
    const role = await roleOr404(tx, id);
    const details = { after: auditFields(role) };
    await recordAudit(tx, auditEvent(c, 'role.created', { type: 'role', id }, details));
    return role;
  });
  return c.json(roleJson(created), 201);
});

/** Changing a role changes every group and application holding it, at once. */
roles.patch('/v1/roles/:id', requirePrincipal(), allow('roles', 'patch'), async (c) => {
  const id = readId(c);
  const body = await readBody(c, updateRoleBody, ROLE_UNMODIFIABLE);
  requireSomeField(body, Object.keys(updateRoleBody.shape));
  if (body.permissions) {
    assertHoldsAll(c.var.permissions, body.permissions, 'role_permissions');
  }
  const db = c.var.services.db();

  const role = await manageableRole(db, c.var.permissions, id);

  const updated = await db.transaction(async (tx) => {
    await updateRole(tx, id, definedOnly({ name: body.name, description: body.description }));
    if (body.permissions) {
      await setRolePermissions(tx, id, body.permissions);
    }
    const after = await roleOr404(tx, id);
    const changes = fieldChanges(auditFields(role), auditFields(after));
    await recordAudit(tx, auditEvent(c, 'role.updated', { type: 'role', id }, changes));
    return after;
  });
  return c.json(roleJson(updated));
});

roles.delete('/v1/roles/:id', requirePrincipal(), allow('roles', 'delete'), async (c) => {
  const id = readId(c);
  const db = c.var.services.db();

  const role = await manageableRole(db, c.var.permissions, id);

  // Grants to groups and applications cascade.
  await db.transaction(async (tx) => {
    const details = { before: auditFields(role) };
    await recordAudit(tx, auditEvent(c, 'role.deleted', { type: 'role', id }, details));
    if (!(await deleteRole(tx, id))) {
      throw new AppError('role_not_found', { reason: 'deleted_concurrently' });
    }
  });
  return c.body(null, 204);
});

function auditFields(role: RoleRecord) {
  return { name: role.name, description: role.description, permissions: role.permissions };
}
