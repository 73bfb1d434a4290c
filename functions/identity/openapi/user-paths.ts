import {
  createUserBody,
  listUsersQuery,
  resetPasswordBody,
  updatePasswordBody,
  updateUserBody,
} from '../../../shared/validation/users.js';
import { operation } from './operation.js';
import type { PathItem } from '../../../shared/openapi/types.js';

/** The `/v1/users` routes, by OpenAPI path. */
export const userPaths: Record<string, PathItem> = {
  '/v1/users': {
    get: operation({
      id: 'listUsers',
      summary: 'List users (filters: username, email, group; sort allow-list)',
      tag: 'users',
      permission: 'users:get',
      query: listUsersQuery,
      ok: { status: 200, schema: 'UserPage' },
    }),
    post: operation({
      id: 'createUser',
      summary: 'Create a user, optionally in groups the caller fully holds',
      tag: 'users',
      permission: 'users:post',
      body: createUserBody,
      ok: { status: 201, schema: 'User' },
      errors: [404, 409],
    }),
  },
  '/v1/users/{id}': {
    get: operation({
      id: 'getUser',
      summary: 'Read a user (everyone may read itself)',
      tag: 'users',
      permission: 'users:get or self',
      pathId: true,
      ok: { status: 200, schema: 'User' },
    }),
    patch: operation({
      id: 'updateUser',
      summary: 'Change names, email or group memberships',
      tag: 'users',
      permission: 'users:patch',
      pathId: true,
      body: updateUserBody,
      ok: { status: 200, schema: 'User' },
      errors: [409],
    }),
    delete: operation({
      id: 'deleteUser',
      summary: 'Delete a user and revoke everything it holds (not yourself)',
      tag: 'users',
      permission: 'users:delete',
      pathId: true,
      ok: { status: 204 },
    }),
  },
  '/v1/users/{id}/update-password': {
    patch: operation({
      id: 'updatePassword',
      summary: 'Change your own password; your other sessions are revoked',
      tag: 'users',
      permission: 'self',
      pathId: true,
      body: updatePasswordBody,
      ok: { status: 204 },
    }),
  },
  '/v1/users/{id}/reset-password': {
    patch: operation({
      id: 'resetPassword',
      summary: "Set a user's password; all its sessions are revoked",
      tag: 'users',
      permission: 'reset-password:patch',
      pathId: true,
      body: resetPasswordBody,
      ok: { status: 204 },
    }),
  },
  '/v1/users/{id}/block': {
    post: operation({
      id: 'blockUser',
      summary: 'Block: no new tokens, sessions revoked, access tokens refused',
      tag: 'users',
      permission: 'users:post',
      pathId: true,
      ok: { status: 204 },
    }),
  },
  '/v1/users/{id}/unblock': {
    post: operation({
      id: 'unblockUser',
      summary: 'Unblock: the user may sign in again',
      tag: 'users',
      permission: 'users:post',
      pathId: true,
      ok: { status: 204 },
    }),
  },
  '/v1/users/{id}/logout': {
    post: operation({
      id: 'logoutUser',
      summary: 'Force logout: revoke every session of the user',
      tag: 'users',
      permission: 'users:post',
      pathId: true,
      ok: { status: 204 },
    }),
  },
};
