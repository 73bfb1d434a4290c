import { eq, type SQL } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { applicationSecrets, applications } from '../db/schema.js';

/** An OAuth client as the token endpoints need it. */
export interface ClientRecord {
  id: string;
  clientId: string;
  name: string;
  firstParty: boolean;
  /** Secret digests with their expiry (null: current secret). */
  secrets: { digest: string; expiresAt: Date | null }[];
}

/** Finds a client and its secrets by client id, in one query. */
export async function findClient(
  db: Database,
  clientId: string,
): Promise<ClientRecord | undefined> {
  return findOne(db, eq(applications.clientId, clientId));
}

/** Finds a client and its secrets by the application's id. */
export async function findClientById(db: Database, id: string): Promise<ClientRecord | undefined> {
  return findOne(db, eq(applications.id, id));
}

async function findOne(db: Database, where: SQL): Promise<ClientRecord | undefined> {
  const rows = await db
    .select({
      id: applications.id,
      clientId: applications.clientId,
      name: applications.name,
      firstParty: applications.firstParty,
      digest: applicationSecrets.digest,
      expiresAt: applicationSecrets.expiresAt,
    })
    .from(applications)
    .leftJoin(applicationSecrets, eq(applicationSecrets.applicationId, applications.id))
    .where(where);

  const [first] = rows;
  if (!first) {
    return undefined;
  }
  return {
    id: first.id,
    clientId: first.clientId,
    name: first.name,
    firstParty: first.firstParty,
    secrets: rows.flatMap((row) =>
      row.digest ? [{ digest: row.digest, expiresAt: row.expiresAt }] : [],
    ),
  };
}
