import { fileURLToPath } from 'node:url';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { hashPassword, pepperFromBase64 } from '../shared/crypto/password.js';
import { checkPasswordLength } from '../shared/crypto/password-length.js';
import { digestSecret, secretMatches } from '../shared/crypto/secrets.js';
import * as schema from '../shared/db/schema.js';
import {
  ADMIN_GROUP,
  LEVELS,
  PRODUCTS,
  groupName,
  roleName,
  type Level,
} from '../shared/policy/catalog.js';

/** What the seed needs; every secret comes from configuration, never a default. */
export interface SeedOptions {
  adminUsername: string;
  adminEmail: string;
  adminPassword: string;
  consoleClientId: string;
  consoleClientSecret: string;
  passwordPepper: string;
  passwordPepperId: string;
}

type Tx = Parameters<Parameters<NodePgDatabase<typeof schema>['transaction']>[0]>[0];

/** Any constant works; it only has to be the same for every seeder of this project. */
const SEED_LOCK = 7_301_964_219;
const MIN_CLIENT_SECRET_LENGTH = 32;

/**
 * Seeds the RBAC of SPEC §6, the first admin and the first-party console application.
 * Idempotent and safe to run concurrently: one transaction under an advisory lock, inserts that
 * skip what exists. An existing admin keeps its password; the console's secret follows config.
 */
export async function seed(databaseUrl: string, options: SeedOptions): Promise<void> {
  const length = checkPasswordLength(options.adminPassword);
  if (!length.ok) {
    throw new Error(`ADMIN_PASSWORD is ${length.reason.replace('_', ' ')} (12 to 256 characters)`);
  }
  if (options.consoleClientSecret.length < MIN_CLIENT_SECRET_LENGTH) {
    throw new Error(`CONSOLE_CLIENT_SECRET needs at least ${MIN_CLIENT_SECRET_LENGTH} characters`);
  }

  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const db = drizzle(client, { schema });
    await db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${SEED_LOCK})`);
      const editorRoles = await seedRbac(tx);
      const adminGroupId = await upsertGroup(tx, ADMIN_GROUP, 'Administrators: every editor role');
      for (const roleId of editorRoles) {
        await tx
          .insert(schema.groupRoles)
          .values({ groupId: adminGroupId, roleId })
          .onConflictDoNothing();
      }
      await seedAdmin(tx, adminGroupId, options);
      await seedConsole(tx, options);
    });
  } finally {
    await client.end();
  }
}

/** Roles and groups per product and level; returns the editor roles' ids. */
async function seedRbac(tx: Tx): Promise<string[]> {
  const editorRoles: string[] = [];
  for (const [product, resources] of Object.entries(PRODUCTS)) {
    for (const [level, actions] of Object.entries(LEVELS) as [Level, readonly string[]][]) {
      const roleId = await upsertRole(tx, roleName(product, level), `${level} of ${product}`);
      const permissions = resources.flatMap((resource) =>
        actions.map((action) => ({ roleId, product, resource, action })),
      );
      await tx.insert(schema.rolePermissions).values(permissions).onConflictDoNothing();

      const groupId = await upsertGroup(tx, groupName(product, level), `${level}s of ${product}`);
      await tx.insert(schema.groupRoles).values({ groupId, roleId }).onConflictDoNothing();
      if (level === 'editor') {
        editorRoles.push(roleId);
      }
    }
  }
  return editorRoles;
}

async function upsertRole(tx: Tx, name: string, description: string): Promise<string> {
  await tx.insert(schema.roles).values({ name, description, builtin: true }).onConflictDoNothing();
  const [row] = await tx
    .select({ id: schema.roles.id })
    .from(schema.roles)
    .where(sql`lower(${schema.roles.name}) = lower(${name})`);
  if (!row) {
    throw new Error(`role ${name} missing after insert`);
  }
  return row.id;
}

async function upsertGroup(tx: Tx, name: string, description: string): Promise<string> {
  await tx.insert(schema.groups).values({ name, description, builtin: true }).onConflictDoNothing();
  const [row] = await tx
    .select({ id: schema.groups.id })
    .from(schema.groups)
    .where(sql`lower(${schema.groups.name}) = lower(${name})`);
  if (!row) {
    throw new Error(`group ${name} missing after insert`);
  }
  return row.id;
}

async function seedAdmin(tx: Tx, adminGroupId: string, options: SeedOptions): Promise<void> {
  const username = options.adminUsername.normalize('NFKC');
  const [existing] = await tx
    .select({ id: schema.users.id })
    .from(schema.users)
    .where(sql`lower(${schema.users.username}) = lower(${username})`);

  let userId = existing?.id;
  if (!userId) {
    const passwordHash = await hashPassword(options.adminPassword, {
      pepper: pepperFromBase64(options.passwordPepperId, options.passwordPepper),
    });
    const [created] = await tx
      .insert(schema.users)
      .values({
        username,
        email: options.adminEmail.normalize('NFKC'),
        firstName: 'Admin',
        lastName: '',
        passwordHash,
        seeded: true,
      })
      .returning({ id: schema.users.id });
    userId = created?.id;
  }
  if (!userId) {
    throw new Error('admin user missing after insert');
  }
  await tx
    .insert(schema.userGroups)
    .values({ userId, groupId: adminGroupId })
    .onConflictDoNothing();
}

async function seedConsole(tx: Tx, options: SeedOptions): Promise<void> {
  await tx
    .insert(schema.applications)
    .values({
      name: 'console',
      description: 'First-party ledger console (password grant allowed)',
      clientId: options.consoleClientId,
      firstParty: true,
    })
    .onConflictDoNothing();
  const [app] = await tx
    .select({ id: schema.applications.id })
    .from(schema.applications)
    .where(eq(schema.applications.clientId, options.consoleClientId));
  if (!app) {
    throw new Error('console application missing after insert');
  }

  const live = await tx
    .select()
    .from(schema.applicationSecrets)
    .where(
      and(
        eq(schema.applicationSecrets.applicationId, app.id),
        isNull(schema.applicationSecrets.expiresAt),
      ),
    );
  for (const secret of live) {
    if (await secretMatches(options.consoleClientSecret, secret.digest)) {
      return;
    }
  }

  // The configured secret changed: it replaces the old one at once.
  await tx
    .update(schema.applicationSecrets)
    .set({ expiresAt: new Date() })
    .where(
      and(
        eq(schema.applicationSecrets.applicationId, app.id),
        isNull(schema.applicationSecrets.expiresAt),
      ),
    );
  await tx.insert(schema.applicationSecrets).values({
    applicationId: app.id,
    digest: await digestSecret(options.consoleClientSecret),
  });
}

/** Reads the seed options from environment variables (the CLI and the dev stack). */
export function seedOptionsFromEnv(env: NodeJS.ProcessEnv): SeedOptions {
  const required = (name: string): string => {
    const value = env[name];
    if (!value) {
      throw new Error(`${name} is required to seed (there is no default)`);
    }
    return value;
  };
  const username = env.ADMIN_USERNAME || 'admin';
  return {
    adminUsername: username,
    adminEmail: env.ADMIN_EMAIL || `${username}@localhost.localdomain`,
    adminPassword: required('ADMIN_PASSWORD'),
    consoleClientId: required('CONSOLE_CLIENT_ID'),
    consoleClientSecret: required('CONSOLE_CLIENT_SECRET'),
    passwordPepper: required('PASSWORD_PEPPER'),
    passwordPepperId: env.PASSWORD_PEPPER_ID || '1',
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const url = process.env.DATABASE_URL;
  try {
    if (!url) {
      throw new Error('DATABASE_URL is required');
    }
    await seed(url, seedOptionsFromEnv(process.env));
    process.stdout.write(`${JSON.stringify({ event: 'seed_applied' })}\n`);
  } catch (error) {
    process.stderr.write(`${JSON.stringify({ event: 'seed_failed', message: String(error) })}\n`);
    process.exit(1);
  }
}
