import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { dropDatabase, ensureDatabase } from '../../dev/postgres.js';
import { runMigrations } from '../../scripts/migrate.js';
import { seed, type SeedOptions } from '../../scripts/seed.js';

const stack = inject('stack');
const created: string[] = [];

async function freshDatabase(): Promise<string> {
  const name = `am_node_${randomBytes(4).toString('hex')}`;
  created.push(name);
  return ensureDatabase(stack.adminDatabaseUrl, name);
}

async function query<T extends pg.QueryResultRow>(url: string, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text)).rows;
  } finally {
    await client.end();
  }
}

const options = (overrides: Partial<SeedOptions> = {}): SeedOptions => ({
  adminUsername: 'admin',
  adminEmail: 'admin@example.com',
  adminPassword: 'correct horse battery staple',
  consoleClientId: 'console',
  consoleClientSecret: randomBytes(32).toString('base64url'),
  passwordPepper: randomBytes(32).toString('base64'),
  passwordPepperId: '1',
  ...overrides,
});

afterAll(async () => {
  for (const name of created) {
    await dropDatabase(stack.adminDatabaseUrl, name);
  }
});

describe('migrations', () => {
  it('apply to an empty database and create every table', async () => {
    const url = await freshDatabase();
    await runMigrations(url);

    const tables = await query<{ tablename: string }>(
      url,
      "select tablename from pg_tables where schemaname = 'public' order by tablename",
    );
    expect(tables.map((t) => t.tablename)).toEqual([
      'application_roles',
      'application_secrets',
      'applications',
      'audit_events',
      'group_roles',
      'groups',
      'refresh_tokens',
      'revoked_access_tokens',
      'role_permissions',
      'roles',
      'sessions',
      'sign_in_attempts',
      'signing_keys',
      'user_groups',
      'users',
    ]);
  });

  it('re-run, and run concurrently, without error or duplicate bookkeeping', async () => {
    const url = await freshDatabase();
    await Promise.all([runMigrations(url), runMigrations(url), runMigrations(url)]);
    await runMigrations(url);

    const applied = await query<{ count: string }>(
      url,
      'select count(*) from drizzle.__drizzle_migrations',
    );
    expect(Number(applied[0]?.count)).toBeGreaterThan(0);
    const again = await query<{ count: string }>(
      url,
      'select count(*) from drizzle.__drizzle_migrations',
    );
    expect(again).toEqual(applied);
  });

  it('enforce case-insensitive unique usernames and emails', async () => {
    const url = await freshDatabase();
    await runMigrations(url);
    await query(
      url,
      "insert into users (username, email, password_hash) values ('Alice', 'a@x.com', 'h')",
    );
    await expect(
      query(
        url,
        "insert into users (username, email, password_hash) values ('alice', 'b@x.com', 'h')",
      ),
    ).rejects.toThrow(/users_username_ci/);
    await expect(
      query(
        url,
        "insert into users (username, email, password_hash) values ('bob', 'A@X.COM', 'h')",
      ),
    ).rejects.toThrow(/users_email_ci/);
  });
});

describe('seed', () => {
  it('creates the RBAC of SPEC §6, the admin and the console application', async () => {
    const url = await freshDatabase();
    await runMigrations(url);
    await seed(url, options());

    const [counts] = await query<Record<string, string>>(
      url,
      `select (select count(*) from roles) roles, (select count(*) from groups) groups,
              (select count(*) from users) users, (select count(*) from applications) apps`,
    );
    // 6 products × 3 levels, plus admin-group.
    expect(counts).toEqual({ roles: '18', groups: '19', users: '1', apps: '1' });

    const adminRoles = await query<{ name: string }>(
      url,
      `select r.name from users u join user_groups ug on ug.user_id = u.id
         join groups g on g.id = ug.group_id join group_roles gr on gr.group_id = g.id
         join roles r on r.id = gr.role_id where u.username = 'admin' order by r.name`,
    );
    expect(adminRoles.map((r) => r.name)).toContain('midaz-editor-role');
    expect(adminRoles.map((r) => r.name)).toContain('plugin-identity-editor-role');
    expect(adminRoles.every((r) => r.name.endsWith('-editor-role'))).toBe(true);

    const viewer = await query<{ action: string }>(
      url,
      `select distinct p.action from role_permissions p join roles r on r.id = p.role_id
         where r.name = 'midaz-viewer-role' order by p.action`,
    );
    expect(viewer.map((p) => p.action)).toEqual(['get', 'head']);

    const [admin] = await query<{ password_hash: string }>(url, 'select password_hash from users');
    expect(admin?.password_hash).toMatch(/^pbkdf2-sha256\$/);
    expect(admin?.password_hash).not.toContain('correct horse');
  });

  it('is idempotent, also when run concurrently', async () => {
    const url = await freshDatabase();
    await runMigrations(url);
    const same = options();
    await seed(url, same);
    const snapshot = async () =>
      query(
        url,
        `select (select count(*) from roles) r, (select count(*) from role_permissions) p,
                (select count(*) from groups) g, (select count(*) from group_roles) gr,
                (select count(*) from users) u, (select count(*) from user_groups) ug,
                (select count(*) from applications) a, (select count(*) from application_secrets) s,
                (select password_hash from users limit 1) h`,
      );
    const before = await snapshot();

    await Promise.all([seed(url, same), seed(url, same), seed(url, same)]);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses to run without an admin password, or with a short one, and writes nothing', async () => {
    const url = await freshDatabase();
    await runMigrations(url);
    await expect(seed(url, options({ adminPassword: '' }))).rejects.toThrow(/ADMIN_PASSWORD/);
    await expect(seed(url, options({ adminPassword: 'short' }))).rejects.toThrow(/ADMIN_PASSWORD/);
    const [row] = await query<{ count: string }>(url, 'select count(*) from roles');
    expect(row?.count).toBe('0');
  });

  it('replaces the console secret when the configured one changes', async () => {
    const url = await freshDatabase();
    await runMigrations(url);
    await seed(url, options({ consoleClientSecret: 'a'.repeat(40) }));
    await seed(url, options({ consoleClientSecret: 'b'.repeat(40) }));
    const secrets = await query<{ live: boolean }>(
      url,
      'select expires_at is null as live from application_secrets order by created_at',
    );
    expect(secrets).toEqual([{ live: false }, { live: true }]);
  });
});
