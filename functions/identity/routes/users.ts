import { Hono } from 'hono';
import { hashPassword } from '../../../shared/crypto/password.js';
import type { AppEnv } from '../../../shared/http/context.js';
import { requirePrincipal } from '../../../shared/http/bearer.js';
import { recordAudit } from '../../../shared/store/audit.js';
import { permissionsOfGroups } from '../../../shared/store/groups.js';
import {
  deleteUser,
  groupIdsOfUser,
  insertUser,
  listUsers,
  setUserGroups,
  updateUser,
} from '../../../shared/store/users.js';
import {
  createUserBody,
  listUsersQuery,
  updateUserBody,
  USER_UNMODIFIABLE,
} from '../../../shared/validation/users.js';
import { AppError } from '../../../shared/errors.js';
import { assertHoldsAll, setChanges } from '../domain/escalation.js';
import { definedOnly, fieldChanges } from '../domain/diff.js';
import { groupIdsOr404, manageableUser, userOr404 } from '../lookups.js';
import { assertPasswordLength, passwordHashing } from '../domain/passwords.js';
import { auditEvent } from '../http/audit.js';
import { allow, allowSelfOr } from '../http/guards.js';
import { readBody, readId, readQuery, requireSomeField } from '../http/input.js';
import { userAuditFields, userJson } from '../views.js';

/** `/v1/users`: list, create, read, change and delete people (SPEC §4). */
export const users = new Hono<AppEnv>();

users.get('/v1/users', requirePrincipal(), allow('users', 'get'), async (c) => {
  const query = readQuery(c, listUsersQuery);

  const page = await listUsers(c.var.services.db(), query);
  return c.json({ ...page, items: page.items.map(userJson) });
});

users.post('/v1/users', requirePrincipal(), allow('users', 'post'), async (c) => {
  const body = await readBody(c, createUserBody);
  assertPasswordLength(body.password, 'password');
  const db = c.var.services.db();

  const groupIds = await groupIdsOr404(db, body.groups);
  assertHoldsAll(c.var.permissions, await permissionsOfGroups(db, groupIds), 'user_groups');

  const passwordHash = await hashPassword(body.password, passwordHashing(c.var.services.config));
  const created = await db.transaction(async (tx) => {
    const id = await insertUser(tx, {
      username: body.username,
      email: body.email,
      firstName: body.firstName,
      lastName: body.lastName,
      passwordHash,
    });
    await setUserGroups(tx, id, groupIds);
    const user = await userOr404(tx, id);
    const details = { after: userAuditFields(user) };
    await recordAudit(tx, auditEvent(c, 'user.created', { type: 'user', id }, details));
    return user;
  });

  return c.json(userJson(created), 201);
});

users.get('/v1/users/:id', requirePrincipal(), allowSelfOr('users', 'get', 'user'), async (c) => {
  const id = readId(c);

  return c.json(userJson(await userOr404(c.var.services.db(), id)));
});

users.patch('/v1/users/:id', requirePrincipal(), allow('users', 'patch'), async (c) => {
  const id = readId(c);
  const body = await readBody(c, updateUserBody, USER_UNMODIFIABLE);
  requireSomeField(body, Object.keys(updateUserBody.shape));
  const db = c.var.services.db();

  const user = await manageableUser(db, c.var.permissions, id);
  const currentGroupIds = await groupIdsOfUser(db, id);
  const groupIds = body.groups ? await groupIdsOr404(db, body.groups) : currentGroupIds;
  const { added, removed } = setChanges(currentGroupIds, groupIds);
  const touched = await permissionsOfGroups(db, [...added, ...removed]);
  assertHoldsAll(c.var.permissions, touched, 'user_groups');

  const updated = await db.transaction(async (tx) => {
    const { firstName, lastName, email } = body;
    await updateUser(tx, id, definedOnly({ firstName, lastName, email }));
    if (body.groups) {
      await setUserGroups(tx, id, groupIds);
    }
    const after = await userOr404(tx, id);
    const changes = fieldChanges(userAuditFields(user), userAuditFields(after));
    await recordAudit(tx, auditEvent(c, 'user.updated', { type: 'user', id }, changes));
    return after;
  });

  return c.json(userJson(updated));
});

users.delete('/v1/users/:id', requirePrincipal(), allow('users', 'delete'), async (c) => {
  const id = readId(c);
  if (c.var.principal.kind === 'user' && c.var.principal.id === id) {
    throw new AppError('forbidden', {
      reason: 'self_delete',
      message: 'You cannot delete your own user.',
    });
  }
  const db = c.var.services.db();

  const user = await manageableUser(db, c.var.permissions, id);

  // Sessions and refresh tokens cascade, so every token of the user stops working at once.
  await db.transaction(async (tx) => {
    await recordAudit(
      tx,
      auditEvent(c, 'user.deleted', { type: 'user', id }, { before: userAuditFields(user) }),
    );
    if (!(await deleteUser(tx, id))) {
      throw new AppError('user_not_found', { reason: 'deleted_concurrently' });
    }
  });

  return c.body(null, 204);
});
