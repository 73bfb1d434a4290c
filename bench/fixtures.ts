import { randomBytes } from 'node:crypto';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { hashPassword, pepperFromBase64 } from '../shared/crypto/password.js';
import { digestSecret } from '../shared/crypto/secrets.js';
import { applicationSecrets, applications, users } from '../shared/db/schema.js';

/** Credentials the load phases present. */
export interface BenchFixtures {
  machine: { clientId: string; clientSecret: string };
  /** A person in VIEWER_GROUP (midaz viewer: get and head on every midaz resource). */
  user: { id: string; username: string; password: string };
}

/** The seeded group the bench's person joins, so `/v1/authorize` has something to allow. */
export const VIEWER_GROUP = 'midaz-viewer-group';

/**
 * Inserts one M2M application with a known secret and one person, straight into Postgres, the
 * way test/workers/support/fixtures.ts does (the identity worker is not part of the bench).
 */
export async function insertFixtures(
  databaseUrl: string,
  pepper: { id: string; base64: string },
): Promise<BenchFixtures> {
  const suffix = randomBytes(4).toString('hex');
  const machine = { clientId: `bench-${suffix}`, clientSecret: randomSecret() };
  const username = `bench-user-${suffix}`;
  const password = randomSecret();

  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const db = drizzle(client);
    const [app] = await db
      .insert(applications)
      .values({ name: 'bench-m2m', clientId: machine.clientId, firstParty: false })
      .returning({ id: applications.id });
    if (!app) {
      throw new Error('application insert failed');
    }
    await db
      .insert(applicationSecrets)
      .values({ applicationId: app.id, digest: await digestSecret(machine.clientSecret) });

    const passwordHash = await hashPassword(password, {
      pepper: pepperFromBase64(pepper.id, pepper.base64),
    });
    const [person] = await db
      .insert(users)
      .values({ username, email: `${username}@example.com`, passwordHash })
      .returning({ id: users.id });
    if (!person) {
      throw new Error('user insert failed');
    }
    const joined = await client.query(
      'INSERT INTO user_groups (user_id, group_id)' +
        ' SELECT $1, id FROM groups WHERE lower(name) = lower($2)',
      [person.id, VIEWER_GROUP],
    );
    if (joined.rowCount !== 1) {
      throw new Error(`group ${VIEWER_GROUP} not found: the seed should have created it`);
    }
    return { machine, user: { id: person.id, username, password } };
  } finally {
    await client.end();
  }
}

/** 32 random bytes, base64url: 43 characters, like every secret the services issue. */
export function randomSecret(): string {
  return randomBytes(32).toString('base64url');
}
