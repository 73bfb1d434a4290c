import type { ApplicationRecord } from '../../shared/store/applications.js';
import type { AuditEventRecord } from '../../shared/store/audit-events.js';
import type { GroupMember, GroupRecord } from '../../shared/store/groups.js';
import type { RoleRecord } from '../../shared/store/roles.js';
import type { UserRecord } from '../../shared/store/users.js';

/** Wire shapes of identity (camelCase, COMPAT.md); records never leave without one of these. */

/** `{id, firstName, lastName, email, username, groups, blocked, createdAt}`; no password. */
export function userJson(user: UserRecord) {
  return {
    id: user.id,
    firstName: user.firstName,
    lastName: user.lastName,
    email: user.email,
    username: user.username,
    groups: user.groups,
    blocked: user.blockedAt !== null,
    createdAt: user.createdAt.toISOString(),
  };
}

/** The fields an audit event records for a user (before/after). */
export function userAuditFields(user: UserRecord) {
  return {
    firstName: user.firstName,
    lastName: user.lastName,
    email: user.email,
    username: user.username,
    groups: user.groups,
  };
}

/** `{id, name, description, builtin, roles, createdAt}`, plus members on a single group. */
export function groupJson(group: GroupRecord, members?: GroupMember[]) {
  return {
    id: group.id,
    name: group.name,
    description: group.description,
    builtin: group.builtin,
    roles: group.roles,
    ...(members ? { members } : {}),
    createdAt: group.createdAt.toISOString(),
  };
}

/** `{id, name, description, builtin, permissions, createdAt}`. */
export function roleJson(role: RoleRecord) {
  return {
    id: role.id,
    name: role.name,
    description: role.description,
    builtin: role.builtin,
    permissions: role.permissions,
    createdAt: role.createdAt.toISOString(),
  };
}

/** `{id, name, description, clientId, firstParty, roles, createdAt}`; never a secret. */
export function applicationJson(app: ApplicationRecord) {
  return {
    id: app.id,
    name: app.name,
    description: app.description,
    clientId: app.clientId,
    firstParty: app.firstParty,
    roles: app.roles,
    createdAt: app.createdAt.toISOString(),
  };
}

/** One audit event as `GET /v1/audit-events` lists it. */
export function auditEventJson(event: AuditEventRecord) {
  return {
    id: String(event.id),
    occurredAt: event.occurredAt.toISOString(),
    action: event.action,
    actorType: event.actorType,
    actorId: event.actorId,
    targetType: event.targetType,
    targetId: event.targetId,
    clientIp: event.clientIp,
    requestId: event.requestId,
    details: event.details,
  };
}
