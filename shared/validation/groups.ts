import { z } from 'zod';
import { description, normalized, refList, slugName } from './fields.js';
import { pageFields, sortFields } from './pagination.js';

/** Most roles one group can hold. */
export const MAX_GROUP_ROLES = 100;

export const GROUP_UNMODIFIABLE = ['id', 'builtin', 'members', 'createdAt'] as const;

/** `POST /v1/groups`: `roles` are role names (or ids). */
export const createGroupBody = z.strictObject({
  name: slugName,
  description: description.default(''),
  roles: refList(MAX_GROUP_ROLES).default([]),
});

/** `PATCH /v1/groups/{id}`; `roles`, when present, replaces the group's roles. */
export const updateGroupBody = z.strictObject({
  name: slugName.optional(),
  description: description.optional(),
  roles: refList(MAX_GROUP_ROLES).optional(),
});
export type UpdateGroupBody = z.infer<typeof updateGroupBody>;

export const GROUP_SORT_FIELDS = ['name', 'createdAt'] as const;

/** `GET /v1/groups`. */
export const listGroupsQuery = z.strictObject({
  ...pageFields,
  ...sortFields(GROUP_SORT_FIELDS),
  name: normalized().pipe(z.string().min(1).max(64)).optional(),
});
export type ListGroupsQuery = z.infer<typeof listGroupsQuery>;
