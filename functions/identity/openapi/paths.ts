import { commonPaths } from '../../../shared/openapi/common-paths.js';
import { cacheControl } from '../../../shared/openapi/operation.js';
import type { PathItem } from '../../../shared/openapi/types.js';
import {
  applicationRolesBody,
  createApplicationBody,
  listApplicationsQuery,
} from '../../../shared/validation/applications.js';
import { listAuditEventsQuery } from '../../../shared/validation/audit-events.js';
import {
  createGroupBody,
  listGroupsQuery,
  updateGroupBody,
} from '../../../shared/validation/groups.js';
import {
  createRoleBody,
  listRolesQuery,
  updateRoleBody,
} from '../../../shared/validation/roles.js';
import { operation } from './operation.js';
import { userPaths } from './user-paths.js';

/** Answers holding a client secret must not be cached. */
const SECRET_BODY = cacheControl('no-store', 'the body holds a secret');

/** Every identity route, by OpenAPI path; a test compares this with the Hono app's routes. */
export const paths: Record<string, PathItem> = {
  ...commonPaths(operation),
  ...userPaths,
  '/v1/groups': {
    get: operation({
      id: 'listGroups',
      summary: 'List groups with their roles',
      tag: 'groups',
      permission: 'groups:get',
      query: listGroupsQuery,
      ok: { status: 200, schema: 'GroupPage' },
    }),
    post: operation({
      id: 'createGroup',
      summary: 'Create a custom group holding roles the caller fully holds',
      tag: 'groups',
      permission: 'groups:post',
      body: createGroupBody,
      ok: { status: 201, schema: 'Group' },
      errors: [404, 409],
    }),
  },
  '/v1/groups/{id}': {
    get: operation({
      id: 'getGroup',
      summary: 'A group with its roles and members',
      tag: 'groups',
      permission: 'groups:get',
      pathId: true,
      ok: { status: 200, schema: 'Group' },
    }),
    patch: operation({
      id: 'updateGroup',
      summary: 'Change a custom group (seeded groups: IDE-0010)',
      tag: 'groups',
      permission: 'groups:patch',
      pathId: true,
      body: updateGroupBody,
      ok: { status: 200, schema: 'Group' },
      errors: [409],
    }),
    delete: operation({
      id: 'deleteGroup',
      summary: 'Delete a custom group (seeded groups: IDE-0010)',
      tag: 'groups',
      permission: 'groups:delete',
      pathId: true,
      ok: { status: 204 },
    }),
  },
  '/v1/roles': {
    get: operation({
      id: 'listRoles',
      summary: 'List roles with their permissions',
      tag: 'roles',
      permission: 'roles:get',
      query: listRolesQuery,
      ok: { status: 200, schema: 'RolePage' },
    }),
    post: operation({
      id: 'createRole',
      summary: 'Create a custom role of permissions the caller holds (`*` allowed)',
      tag: 'roles',
      permission: 'roles:post',
      body: createRoleBody,
      ok: { status: 201, schema: 'Role' },
      errors: [409],
    }),
  },
  '/v1/roles/{id}': {
    get: operation({
      id: 'getRole',
      summary: 'A role with its permissions',
      tag: 'roles',
      permission: 'roles:get',
      pathId: true,
      ok: { status: 200, schema: 'Role' },
    }),
    patch: operation({
      id: 'updateRole',
      summary: 'Change a custom role (seeded roles: IDE-0010)',
      tag: 'roles',
      permission: 'roles:patch',
      pathId: true,
      body: updateRoleBody,
      ok: { status: 200, schema: 'Role' },
      errors: [409],
    }),
    delete: operation({
      id: 'deleteRole',
      summary: 'Delete a custom role (seeded roles: IDE-0010)',
      tag: 'roles',
      permission: 'roles:delete',
      pathId: true,
      ok: { status: 204 },
    }),
  },
  '/v1/applications': {
    get: operation({
      id: 'listApplications',
      summary: 'List applications (never their secrets)',
      tag: 'applications',
      permission: 'applications:get',
      query: listApplicationsQuery,
      ok: { status: 200, schema: 'ApplicationPage' },
    }),
    post: operation({
      id: 'createApplication',
      summary: 'Create an M2M application; its secret is shown only here',
      tag: 'applications',
      permission: 'applications:post',
      body: createApplicationBody,
      ok: { status: 201, schema: 'ApplicationWithSecret', headers: SECRET_BODY },
    }),
  },
  '/v1/applications/{id}': {
    get: operation({
      id: 'getApplication',
      summary: 'Read an application (an application may read itself)',
      tag: 'applications',
      permission: 'applications:get or self',
      pathId: true,
      ok: { status: 200, schema: 'Application' },
    }),
    delete: operation({
      id: 'deleteApplication',
      summary: 'Delete an application; its tokens stop working at once',
      tag: 'applications',
      permission: 'applications:delete',
      pathId: true,
      ok: { status: 204 },
    }),
  },
  '/v1/applications/{id}/secrets': {
    post: operation({
      id: 'rotateApplicationSecret',
      summary: 'Rotate the secret; the previous one works until the overlap ends',
      tag: 'applications',
      permission: 'applications:post',
      pathId: true,
      ok: { status: 201, schema: 'RotatedSecret', headers: SECRET_BODY },
    }),
  },
  '/v1/applications/{id}/roles': {
    put: operation({
      id: 'setApplicationRoles',
      summary: 'Replace the roles an application holds (names or ids)',
      tag: 'applications',
      permission: 'applications:put',
      pathId: true,
      body: applicationRolesBody,
      ok: { status: 200, schema: 'Application' },
    }),
  },
  '/v1/audit-events': {
    get: operation({
      id: 'listAuditEvents',
      summary: 'Audit events, newest first',
      tag: 'audit-events',
      permission: 'audit-events:get',
      query: listAuditEventsQuery,
      ok: { status: 200, schema: 'AuditEventPage' },
    }),
  },
};
