import { and, eq, gt, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { JWK } from 'jose';
import { wrapPrivateJwk } from '../crypto/key-wrap.js';
import { generateSigningKey, type SigningAlg } from '../crypto/signing-keys.js';
import type { Database } from '../db/client.js';
import { signingKeys } from '../db/schema.js';

/** A stored key as the key ring needs it. */
export interface StoredKey {
  kid: string;
  alg: string;
  state: 'next' | 'current' | 'retired';
  publicJwk: JWK;
  privateJwkEncrypted: string;
}

type KeyDb = Pick<Database, 'select' | 'insert' | 'update' | 'delete' | 'execute'>;

/** Any constant works; it only has to be the same for every key rotator. */
const ROTATION_LOCK = 7_301_964_220;

/** Keys to publish in the JWKS: next and current, and retired ones until their tokens expire. */
export async function loadPublishedKeys(db: KeyDb, now: Date): Promise<StoredKey[]> {
  const rows = await db
    .select()
    .from(signingKeys)
    .where(
      or(
        inArray(signingKeys.state, ['next', 'current']),
        and(
          eq(signingKeys.state, 'retired'),
          or(isNull(signingKeys.publishUntil), gt(signingKeys.publishUntil, now)),
        ),
      ),
    );
  return rows.map((row) => ({
    kid: row.kid,
    alg: row.alg,
    state: row.state as StoredKey['state'],
    publicJwk: row.publicJwk as JWK,
    privateJwkEncrypted: row.privateJwkEncrypted,
  }));
}

/**
 * Creates the first current key (and a pre-published next one) when there is none. Safe when
 * several isolates race: the partial unique index lets exactly one `current` row in.
 */
export async function ensureCurrentKey(
  db: KeyDb,
  kek: CryptoKey,
  alg: SigningAlg,
  now: Date,
): Promise<void> {
  const current = await insertKey(db, kek, alg, 'current', now);
  if (current) {
    await insertKey(db, kek, alg, 'next', now);
  }
}

/**
 * Rotates: the pre-published next key starts signing, the current one is retired but stays
 * published for `retireAfterSeconds` (the longest access-token lifetime plus skew), a new next
 * key is pre-published, and keys past their publication end are deleted. One transaction.
 */
export async function rotateKeys(
  db: Database,
  kek: CryptoKey,
  alg: SigningAlg,
  now: Date,
  retireAfterSeconds: number,
): Promise<{ activated: string | undefined; published: string | undefined }> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${ROTATION_LOCK})`);
    const [next] = await tx.select().from(signingKeys).where(eq(signingKeys.state, 'next'));

    if (next) {
      const publishUntil = new Date(now.getTime() + retireAfterSeconds * 1000);
      await tx
        .update(signingKeys)
        .set({ state: 'retired', retiredAt: now, publishUntil })
        .where(eq(signingKeys.state, 'current'));
      await tx
        .update(signingKeys)
        .set({ state: 'current', activatedAt: now })
        .where(eq(signingKeys.kid, next.kid));
    }
    const published = await insertKey(tx, kek, alg, next ? 'next' : 'current', now);
    if (!next) {
      await insertKey(tx, kek, alg, 'next', now);
    }
    await tx
      .delete(signingKeys)
      .where(and(eq(signingKeys.state, 'retired'), lt(signingKeys.publishUntil, now)));
    return { activated: next?.kid, published };
  });
}

async function insertKey(
  db: KeyDb,
  kek: CryptoKey,
  alg: SigningAlg,
  state: 'next' | 'current',
  now: Date,
): Promise<string | undefined> {
  const key = await generateSigningKey(alg, now);
  const rows = await db
    .insert(signingKeys)
    .values({
      kid: key.kid,
      alg,
      publicJwk: key.publicJwk,
      privateJwkEncrypted: await wrapPrivateJwk(key.privateJwk, key.kid, kek),
      state,
      createdAt: now,
      activatedAt: state === 'current' ? now : null,
    })
    .onConflictDoNothing()
    .returning({ kid: signingKeys.kid });
  return rows[0]?.kid;
}
