import { z } from 'zod';
import { description, normalized, slugName } from './fields.js';
import { pageFields, sortFields } from './pagination.js';
import { permissionList } from './permissions.js';

export const ROLE_UNMODIFIABLE = ['id', 'builtin', 'createdAt'] as const;

/** `POST /v1/roles`: a named set of permissions. */
export const createRoleBody = z.strictObject({
  name: slugName,
  description: description.default(''),
  permissions: permissionList,
});

/** `PATCH /v1/roles/{id}`; `permissions`, when present, replaces the role's set. */
export const updateRoleBody = z.strictObject({
  name: slugName.optional(),
  description: description.optional(),
  permissions: permissionList.optional(),
});
export type UpdateRoleBody = z.infer<typeof updateRoleBody>;

export const ROLE_SORT_FIELDS = ['name', 'createdAt'] as const;

/** `GET /v1/roles`. */
export const listRolesQuery = z.strictObject({
  ...pageFields,
  ...sortFields(ROLE_SORT_FIELDS),
  name: normalized().pipe(z.string().min(1).max(64)).optional(),
});
export type ListRolesQuery = z.infer<typeof listRolesQuery>;
