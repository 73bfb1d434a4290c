import { Hono } from 'hono';
import { requirePrincipal } from '../../../shared/http/bearer.js';
import type { AppEnv } from '../../../shared/http/context.js';
import { recordAudit } from '../../../shared/store/audit.js';
import {
  deleteGroup,
  groupMembers,
  insertGroup,
  listGroups,
  setGroupRoles,
  updateGroup,
} from '../../../shared/store/groups.js';
import { permissionsOfRoles } from '../../../shared/store/roles.js';
import {
  createGroupBody,
  GROUP_UNMODIFIABLE,
  listGroupsQuery,
  updateGroupBody,
} from '../../../shared/validation/groups.js';
import { AppError } from '../../../shared/errors.js';
import { definedOnly, fieldChanges } from '../domain/diff.js';
import { assertHoldsAll } from '../domain/escalation.js';
import { groupOr404, manageableGroup, roleIdsOr404 } from '../lookups.js';
import { auditEvent } from '../http/audit.js';
import { allow } from '../http/guards.js';
import { readBody, readId, readQuery, requireSomeField } from '../http/input.js';
import { groupJson } from '../views.js';

/**
 * `/v1/groups`: seeded groups are read-only; custom ones can be created, changed and deleted
 * by a caller holding every permission the group grants. Membership is set on the user.
 */
export const groups = new Hono<AppEnv>();

groups.get('/v1/groups', requirePrincipal(), allow('groups', 'get'), async (c) => {
  const query = readQuery(c, listGroupsQuery);

  const page = await listGroups(c.var.services.db(), query);
  return c.json({ ...page, items: page.items.map((group) => groupJson(group)) });
});

groups.get('/v1/groups/:id', requirePrincipal(), allow('groups', 'get'), async (c) => {
  const id = readId(c);
  const db = c.var.services.db();

  const group = await groupOr404(db, id);
  return c.json(groupJson(group, await groupMembers(db, id)));
});

groups.post('/v1/groups', requirePrincipal(), allow('groups', 'post'), async (c) => {
  const body = await readBody(c, createGroupBody);
  const db = c.var.services.db();

  const roleIds = await roleIdsOr404(db, body.roles);
  assertHoldsAll(c.var.permissions, await permissionsOfRoles(db, roleIds), 'group_roles');

  const created = await db.transaction(async (tx) => {
    const id = await insertGroup(tx, { name: body.name, description: body.description });
    await setGroupRoles(tx, id, roleIds);
    const group = await groupOr404(tx, id);
    const details = { after: auditFields(group) };
    await recordAudit(tx, auditEvent(c, 'group.created', { type: 'group', id }, details));
    return group;
  });
  return c.json(groupJson(created, []), 201);
});

groups.patch('/v1/groups/:id', requirePrincipal(), allow('groups', 'patch'), async (c) => {
  const id = readId(c);
  const body = await readBody(c, updateGroupBody, GROUP_UNMODIFIABLE);
  requireSomeField(body, Object.keys(updateGroupBody.shape));
  const db = c.var.services.db();

  const group = await manageableGroup(db, c.var.permissions, id);
  const roleIds = body.roles ? await roleIdsOr404(db, body.roles) : undefined;
  if (roleIds) {
    assertHoldsAll(c.var.permissions, await permissionsOfRoles(db, roleIds), 'group_roles');
  }

  const updated = await db.transaction(async (tx) => {
    await updateGroup(tx, id, definedOnly({ name: body.name, description: body.description }));
    if (roleIds) {
      await setGroupRoles(tx, id, roleIds);
    }
    const after = await groupOr404(tx, id);
    const changes = fieldChanges(auditFields(group), auditFields(after));
    await recordAudit(tx, auditEvent(c, 'group.updated', { type: 'group', id }, changes));
    return after;
  });
  return c.json(groupJson(updated, await groupMembers(db, id)));
});

groups.delete('/v1/groups/:id', requirePrincipal(), allow('groups', 'delete'), async (c) => {
  const id = readId(c);
  const db = c.var.services.db();

  const group = await manageableGroup(db, c.var.permissions, id);

  // Memberships cascade: the members lose what the group granted at once.
  await db.transaction(async (tx) => {
    const details = { before: auditFields(group) };
    await recordAudit(tx, auditEvent(c, 'group.deleted', { type: 'group', id }, details));
    if (!(await deleteGroup(tx, id))) {
      throw new AppError('group_not_found', { reason: 'deleted_concurrently' });
    }
  });
  return c.body(null, 204);
});

function auditFields(group: { name: string; description: string; roles: string[] }) {
  return { name: group.name, description: group.description, roles: group.roles };
}
