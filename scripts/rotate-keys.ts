import { fileURLToPath } from 'node:url';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { importKeyEncryptionKey } from '../shared/crypto/key-wrap.js';
import { isSigningAlg } from '../shared/crypto/signing-keys.js';
import * as schema from '../shared/db/schema.js';
import type { Database } from '../shared/db/client.js';
import { rotateKeys } from '../shared/store/signing-keys.js';

/** Skew added to the access-token lifetime before a retired key leaves the JWKS. */
const RETIRE_SKEW_SECONDS = 300;

/**
 * `npm run keys:rotate`: the pre-published next key starts signing, the current one is retired
 * (still published until its last token expires), and a new next key is published. Run it on a
 * schedule longer than the JWKS cache lifetime (5 min) plus the key-ring TTL (1 min).
 */
async function main(): Promise<void> {
  const url = required('DATABASE_URL');
  const alg = process.env.TOKEN_SIGNING_ALG ?? 'ES256';
  if (!isSigningAlg(alg)) {
    throw new Error(`TOKEN_SIGNING_ALG must be ES256, RS256 or EdDSA, not ${alg}`);
  }
  const ttl = Number(process.env.ACCESS_TOKEN_TTL ?? 3600);
  const kek = await importKeyEncryptionKey(required('KEY_ENCRYPTION_KEY'));

  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // The node-postgres and Neon drizzle databases share the query-builder surface used here.
    const db = drizzle(client, { schema }) as unknown as Database;
    const result = await rotateKeys(db, kek, alg, new Date(), ttl + RETIRE_SKEW_SECONDS);
    process.stdout.write(`${JSON.stringify({ event: 'keys_rotated', ...result })}\n`);
  } finally {
    await client.end();
  }
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is required`);
  }
  return value;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    process.stderr.write(
      `${JSON.stringify({ event: 'keys_rotate_failed', message: String(error) })}\n`,
    );
    process.exit(1);
  });
}
