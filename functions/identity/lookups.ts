import { AppError } from '../../shared/errors.js';
import {
  findApplication,
  roleIdsOfApplication,
  type ApplicationRecord,
} from '../../shared/store/applications.js';
import { findGroup, resolveGroups, type GroupRecord } from '../../shared/store/groups.js';
import type { Queryable, Resolved } from '../../shared/store/queryable.js';
import {
  findRole,
  permissionsOfRoles,
  resolveRoles,
  type RoleRecord,
} from '../../shared/store/roles.js';
import { findUser, groupIdsOfUser, type UserRecord } from '../../shared/store/users.js';
import type { Permission } from '../../shared/policy/evaluate.js';
import { permissionsOfGroups } from '../../shared/store/groups.js';
import { assertHoldsAll } from './domain/escalation.js';

/** A user by id, or 404 `IDE-1003`. */
export async function userOr404(db: Queryable, id: string): Promise<UserRecord> {
  return foundOr404(await findUser(db, id), 'user_not_found');
}

/**
 * A user the caller may act on: it exists (`IDE-1003`) and the caller holds every permission
 * the user holds, so nobody takes over, blocks or deletes someone with more rights (403).
 */
export async function manageableUser(
  db: Queryable,
  caller: readonly Permission[],
  id: string,
): Promise<UserRecord> {
  const user = await userOr404(db, id);
  const permissions = await permissionsOfGroups(db, await groupIdsOfUser(db, id));
  assertHoldsAll(caller, permissions, 'target_user');
  return user;
}

/** A group by id, or 404 `IDE-1006`. */
export async function groupOr404(db: Queryable, id: string): Promise<GroupRecord> {
  return foundOr404(await findGroup(db, id), 'group_not_found');
}

/** A role by id, or 404 `IDE-1007`. */
export async function roleOr404(db: Queryable, id: string): Promise<RoleRecord> {
  return foundOr404(await findRole(db, id), 'role_not_found');
}

/** An application by id, or 404 `IDE-1001`. */
export async function applicationOr404(db: Queryable, id: string): Promise<ApplicationRecord> {
  return foundOr404(await findApplication(db, id), 'application_not_found');
}

/**
 * A custom group the caller may change or delete: seeded groups are read-only (`IDE-0010`),
 * and the caller must hold every permission the group grants.
 */
export async function manageableGroup(
  db: Queryable,
  caller: readonly Permission[],
  id: string,
): Promise<GroupRecord> {
  const group = await groupOr404(db, id);
  if (group.builtin) {
    throw new AppError('unmodifiable_field', {
      reason: 'builtin_group',
      message: 'Seeded groups are read-only.',
    });
  }
  assertHoldsAll(caller, await permissionsOfGroups(db, [id]), 'group');
  return group;
}

/** A custom role the caller may change or delete: not seeded, and no more than it holds. */
export async function manageableRole(
  db: Queryable,
  caller: readonly Permission[],
  id: string,
): Promise<RoleRecord> {
  const role = await roleOr404(db, id);
  if (role.builtin) {
    throw new AppError('unmodifiable_field', {
      reason: 'builtin_role',
      message: 'Seeded roles are read-only.',
    });
  }
  assertHoldsAll(caller, role.permissions, 'role');
  return role;
}

/**
 * An application the caller may rotate, re-role or delete: not the first-party console (its
 * secret follows configuration, `IDE-0010`), and holding nothing the caller does not hold.
 */
export async function manageableApplication(
  db: Queryable,
  caller: readonly Permission[],
  id: string,
): Promise<ApplicationRecord> {
  const app = await applicationOr404(db, id);
  if (app.firstParty) {
    throw new AppError('unmodifiable_field', {
      reason: 'first_party_application',
      message: 'The first-party console application is managed by configuration.',
    });
  }
  const permissions = await permissionsOfRoles(db, await roleIdsOfApplication(db, id));
  assertHoldsAll(caller, permissions, 'application');
  return app;
}

/** Group ids for names or ids; any unknown one is 404 `IDE-1006` naming it. */
export async function groupIdsOr404(db: Queryable, refs: readonly string[]): Promise<string[]> {
  return idsOr404(await resolveGroups(db, refs), 'group_not_found', 'Unknown groups');
}

/** Role ids for names or ids; any unknown one is 404 `IDE-1007` naming it. */
export async function roleIdsOr404(db: Queryable, refs: readonly string[]): Promise<string[]> {
  return idsOr404(await resolveRoles(db, refs), 'role_not_found', 'Unknown roles');
}

type NotFound = 'user_not_found' | 'group_not_found' | 'role_not_found' | 'application_not_found';

/** The record, or the 404 of its kind when the lookup found nothing. */
function foundOr404<T>(record: T | undefined, kind: NotFound): T {
  if (!record) {
    throw new AppError(kind, { reason: kind });
  }
  return record;
}

function idsOr404(
  resolved: Resolved,
  kind: Extract<NotFound, 'group_not_found' | 'role_not_found'>,
  label: string,
): string[] {
  if (resolved.missing.length > 0) {
    throw new AppError(kind, {
      reason: kind,
      message: `${label}: ${resolved.missing.slice(0, 5).join(', ')}.`,
    });
  }
  return [...new Set(resolved.found.map((row) => row.id))];
}
