import { z } from 'zod';
import { description, normalized, refList, slugName } from './fields.js';
import { pageFields, sortFields } from './pagination.js';

/** Most roles one application can hold. */
export const MAX_APPLICATION_ROLES = 100;

/** `POST /v1/applications` (SPEC §4). */
export const createApplicationBody = z.strictObject({
  name: slugName,
  description: description.default(''),
});

/** `PUT /v1/applications/{id}/roles`: the whole set, by role name or id. */
export const applicationRolesBody = z.strictObject({ roles: refList(MAX_APPLICATION_ROLES) });

export const APPLICATION_SORT_FIELDS = ['name', 'createdAt'] as const;

/** `GET /v1/applications`. */
export const listApplicationsQuery = z.strictObject({
  ...pageFields,
  ...sortFields(APPLICATION_SORT_FIELDS),
  name: normalized().pipe(z.string().min(1).max(64)).optional(),
});
export type ListApplicationsQuery = z.infer<typeof listApplicationsQuery>;
