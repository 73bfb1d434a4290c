import { AppError } from '../../../shared/errors.js';
import { findApplication, type ApplicationRecord } from '../../../shared/store/applications.js';
import { findGroup, resolveGroups, type GroupRecord } from '../../../shared/store/groups.js';
import type { Queryable, Resolved } from '../../../shared/store/queryable.js';
import { findRole, resolveRoles, type RoleRecord } from '../../../shared/store/roles.js';
import { findUser, type UserRecord } from '../../../shared/store/users.js';

/** A user by id, or 404 `IDE-1003`. */
export async function userOr404(db: Queryable, id: string): Promise<UserRecord> {
  const user = await findUser(db, id);
  if (!user) {
    throw new AppError('user_not_found', { reason: 'user_not_found' });
  }
  return user;
}

/** A group by id, or 404 `IDE-1006`. */
export async function groupOr404(db: Queryable, id: string): Promise<GroupRecord> {
  const group = await findGroup(db, id);
  if (!group) {
    throw new AppError('group_not_found', { reason: 'group_not_found' });
  }
  return group;
}

/** A role by id, or 404 `IDE-1007`. */
export async function roleOr404(db: Queryable, id: string): Promise<RoleRecord> {
  const role = await findRole(db, id);
  if (!role) {
    throw new AppError('role_not_found', { reason: 'role_not_found' });
  }
  return role;
}

/** An application by id, or 404 `IDE-1001`. */
export async function applicationOr404(db: Queryable, id: string): Promise<ApplicationRecord> {
  const app = await findApplication(db, id);
  if (!app) {
    throw new AppError('application_not_found', { reason: 'application_not_found' });
  }
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

function idsOr404(
  resolved: Resolved,
  kind: 'group_not_found' | 'role_not_found',
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
