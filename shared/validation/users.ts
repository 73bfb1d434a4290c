import { z } from 'zod';
import { email, normalized, password, personName, refList, username } from './fields.js';
import { pageFields, sortFields } from './pagination.js';

/** Most groups one user can be put in by one request. */
export const MAX_USER_GROUPS = 50;

/** Fields a PATCH may not touch: they answer `IDE-0010` rather than `IDE-0004`. */
export const USER_UNMODIFIABLE = ['id', 'username', 'password', 'blocked', 'createdAt'] as const;

/** `POST /v1/users` (SPEC §4). `groups` are group names (or ids); none by default. */
export const createUserBody = z.strictObject({
  firstName: personName,
  lastName: personName,
  email,
  username,
  password,
  groups: refList(MAX_USER_GROUPS).default([]),
});
export type CreateUserBody = z.infer<typeof createUserBody>;

/** `PATCH /v1/users/{id}`; `groups`, when present, replaces the user's memberships. */
export const updateUserBody = z.strictObject({
  firstName: personName.optional(),
  lastName: personName.optional(),
  email: email.optional(),
  groups: refList(MAX_USER_GROUPS).optional(),
});
export type UpdateUserBody = z.infer<typeof updateUserBody>;

/** Sort keys `GET /v1/users` accepts; anything else is `IDE-0005`. */
export const USER_SORT_FIELDS = [
  'username',
  'email',
  'firstName',
  'lastName',
  'createdAt',
] as const;

const filterText = normalized().pipe(z.string().min(1).max(254));

/** `GET /v1/users`: a page, a sort, and case-insensitive substring filters. */
export const listUsersQuery = z.strictObject({
  ...pageFields,
  ...sortFields(USER_SORT_FIELDS),
  username: filterText.optional(),
  email: filterText.optional(),
  group: filterText.optional(),
});
export type ListUsersQuery = z.infer<typeof listUsersQuery>;

/** `PATCH /v1/users/{id}/update-password` (compat). */
export const updatePasswordBody = z.strictObject({ oldPassword: password, newPassword: password });

/** `PATCH /v1/users/{id}/reset-password` (compat). */
export const resetPasswordBody = z.strictObject({ newPassword: password });
