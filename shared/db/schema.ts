import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

/** People who sign in with a password. */
export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** NFKC-normalized; unique case-insensitively through the index below. */
    username: text('username').notNull(),
    /** NFKC-normalized; unique case-insensitively through the index below. */
    email: text('email').notNull(),
    firstName: text('first_name').notNull().default(''),
    lastName: text('last_name').notNull().default(''),
    /** `pbkdf2-sha256$...`: algorithm and parameters travel with each hash. */
    passwordHash: text('password_hash').notNull(),
    /** Set while the user is blocked: no tokens, sessions revoked. */
    blockedAt: timestamp('blocked_at', { withTimezone: true }),
    /** Seeded users (the first admin) are marked so the console can explain them. */
    seeded: boolean('seeded').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('users_username_ci').on(sql`lower(${t.username})`),
    uniqueIndex('users_email_ci').on(sql`lower(${t.email})`),
  ],
);

/** Groups of people; a person's permissions are the union of their groups' roles. */
export const groups = pgTable(
  'groups',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    /** Seeded groups are read-only. */
    builtin: boolean('builtin').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('groups_name_ci').on(sql`lower(${t.name})`)],
);

/** A named set of permissions. */
export const roles = pgTable(
  'roles',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    /** Seeded roles are read-only. */
    builtin: boolean('builtin').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('roles_name_ci').on(sql`lower(${t.name})`)],
);

/** One `{product, resource, action}` a role allows; `*` is a wildcard for resource or action. */
export const rolePermissions = pgTable(
  'role_permissions',
  {
    roleId: uuid('role_id')
      .notNull()
      .references(() => roles.id, { onDelete: 'cascade' }),
    product: text('product').notNull(),
    resource: text('resource').notNull(),
    action: text('action').notNull(),
  },
  (t) => [primaryKey({ columns: [t.roleId, t.product, t.resource, t.action] })],
);

export const groupRoles = pgTable(
  'group_roles',
  {
    groupId: uuid('group_id')
      .notNull()
      .references(() => groups.id, { onDelete: 'cascade' }),
    roleId: uuid('role_id')
      .notNull()
      .references(() => roles.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.roleId] }), index('group_roles_role').on(t.roleId)],
);

export const userGroups = pgTable(
  'user_groups',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    groupId: uuid('group_id')
      .notNull()
      .references(() => groups.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.userId, t.groupId] }), index('user_groups_group').on(t.groupId)],
);

/** OAuth clients: M2M applications and the first-party console. */
export const applications = pgTable(
  'applications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    clientId: text('client_id').notNull(),
    /** Only first-party clients may use the password grant (RFC 9700 §2.4). */
    firstParty: boolean('first_party').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('applications_client_id').on(t.clientId)],
);

/** Client secrets, stored as digests only. Several may be live during a rotation overlap. */
export const applicationSecrets = pgTable(
  'application_secrets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id, { onDelete: 'cascade' }),
    /** SHA-256 of the secret (high-entropy, so a fast digest is right). */
    digest: text('digest').notNull(),
    createdAt: createdAt(),
    /** Null while current; set to the end of the overlap when a newer secret replaces it. */
    expiresAt: timestamp('expires_at', { withTimezone: true }),
  },
  (t) => [index('application_secrets_app').on(t.applicationId)],
);

export const applicationRoles = pgTable(
  'application_roles',
  {
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id, { onDelete: 'cascade' }),
    roleId: uuid('role_id')
      .notNull()
      .references(() => roles.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.applicationId, t.roleId] }),
    index('application_roles_role').on(t.roleId),
  ],
);

/**
 * A sign-in session, which is also a refresh-token family (RFC 9700 §4.14.2): every token
 * rotated from the same sign-in belongs to it, and reuse of a rotated one revokes it whole.
 */
export const sessions = pgTable(
  'sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** The client the family is bound to. */
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id, { onDelete: 'cascade' }),
    scope: text('scope').notNull().default(''),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    /** Why it ended: logout, reuse, blocked, password_changed, admin. */
    revokedReason: text('revoked_reason'),
  },
  (t) => [index('sessions_user').on(t.userId), index('sessions_application').on(t.applicationId)],
);

/** Refresh tokens, as digests. A token is live while `rotated_at` is null and its family is. */
export const refreshTokens = pgTable(
  'refresh_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    digest: text('digest').notNull(),
    scope: text('scope').notNull().default(''),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    /** Set by the one conditional write that rotates the token. */
    rotatedAt: timestamp('rotated_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('refresh_tokens_digest').on(t.digest),
    index('refresh_tokens_session').on(t.sessionId),
  ],
);

/**
 * Access tokens revoked before expiry that no session covers (client credentials, RFC 7009).
 * Rows can be deleted once `expires_at` has passed.
 */
export const revokedAccessTokens = pgTable('revoked_access_tokens', {
  jti: text('jti').primaryKey(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  revokedAt: timestamp('revoked_at', { withTimezone: true }).notNull().defaultNow(),
});

/** JWT signing keys. Private JWKs are AES-GCM encrypted under KEY_ENCRYPTION_KEY. */
export const signingKeys = pgTable(
  'signing_keys',
  {
    kid: text('kid').primaryKey(),
    alg: text('alg').notNull(),
    publicJwk: jsonb('public_jwk').notNull(),
    privateJwkEncrypted: text('private_jwk_encrypted').notNull(),
    /** next (published, not signing) → current (signing) → retired (published until expiry). */
    state: text('state').notNull(),
    createdAt: createdAt(),
    activatedAt: timestamp('activated_at', { withTimezone: true }),
    retiredAt: timestamp('retired_at', { withTimezone: true }),
    /** After this instant no token it signed can still be valid: drop it from the JWKS. */
    publishUntil: timestamp('publish_until', { withTimezone: true }),
  },
  (t) => [
    check('signing_keys_state', sql`${t.state} in ('next', 'current', 'retired')`),
    uniqueIndex('signing_keys_one_current')
      .on(t.state)
      .where(sql`${t.state} = 'current'`),
  ],
);

/**
 * Failed sign-in counters, kept in Postgres so lockout survives a cache outage. The key is
 * `account:<userId>:ip:<ip>` (lockout) or `account:<userId>` (the softer per-account throttle).
 */
export const signInAttempts = pgTable('sign_in_attempts', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull().default(0),
  windowStartedAt: timestamp('window_started_at', { withTimezone: true }).notNull().defaultNow(),
  lockedUntil: timestamp('locked_until', { withTimezone: true }),
});

/** Append-only record of security-relevant events. Never holds secrets. */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
    /** e.g. sign_in.succeeded, token.issued, refresh.reused, user.created */
    action: text('action').notNull(),
    /** user | application | system | anonymous */
    actorType: text('actor_type').notNull(),
    actorId: text('actor_id'),
    targetType: text('target_type'),
    targetId: text('target_id'),
    clientIp: text('client_ip'),
    requestId: text('request_id'),
    /** Non-secret details: before/after of changed fields, reasons, client ids. */
    details: jsonb('details').notNull().default({}),
  },
  (t) => [
    index('audit_events_occurred').on(t.occurredAt),
    index('audit_events_action').on(t.action),
    index('audit_events_target').on(t.targetType, t.targetId),
  ],
);
