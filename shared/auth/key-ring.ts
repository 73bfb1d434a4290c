import type { JWK } from 'jose';
import { importKeyEncryptionKey, unwrapPrivateJwk } from '../crypto/key-wrap.js';
import {
  importPrivateKey,
  importPublicKey,
  isSigningAlg,
  type SigningAlg,
  type SigningKey,
  type VerificationKey,
} from '../crypto/signing-keys.js';
import type { Database } from '../db/client.js';
import { AppError } from '../errors.js';
import { ensureCurrentKey, loadPublishedKeys } from '../store/signing-keys.js';

/** The keys one isolate signs and verifies with. */
export interface KeyRing {
  /** Absent where the function holds no key-encryption key (identity only verifies). */
  signing: SigningKey | undefined;
  verification: ReadonlyMap<string, VerificationKey>;
  /** Public JWKs for `/.well-known/jwks.json`. */
  published: JWK[];
  loadedAt: number;
}

/**
 * How long an isolate trusts its copy of the key ring. A rotation is seen within this bound;
 * that is safe because the next key is published a whole rotation before it signs, and a
 * retired key stays published until every token it signed has expired.
 */
export const KEY_RING_TTL_MS = 60_000;
/** An unknown kid reloads the ring at most this often, so junk tokens cannot hammer Postgres. */
const UNKNOWN_KID_RELOAD_MS = 5_000;

/** Keyed by the KEK so a changed secret (tests, rotation) never reuses a stale ring. */
let cached: { ring: KeyRing; kekSource: string } | undefined;
let loading: Promise<KeyRing> | undefined;

export interface KeyRingSource {
  db: () => Database;
  /** Only the function that signs (auth) has it. */
  keyEncryptionKey?: string;
  alg: SigningAlg;
}

/** The key ring, from isolate memory when fresh, else from Postgres (creating the first key). */
export async function getKeyRing(source: KeyRingSource, now = Date.now()): Promise<KeyRing> {
  const fresh =
    cached &&
    cached.kekSource === (source.keyEncryptionKey ?? '') &&
    now - cached.ring.loadedAt < KEY_RING_TTL_MS;
  if (fresh && cached) {
    return cached.ring;
  }
  return reload(source, now);
}

/** Reloads after a token named a kid we do not know, unless we reloaded moments ago. */
export async function refreshForUnknownKid(
  source: KeyRingSource,
  now = Date.now(),
): Promise<KeyRing> {
  if (cached && now - cached.ring.loadedAt < UNKNOWN_KID_RELOAD_MS) {
    return cached.ring;
  }
  return reload(source, now);
}

async function reload(source: KeyRingSource, now: number): Promise<KeyRing> {
  // One load at a time per isolate; concurrent requests share it.
  loading ??= load(source, now).finally(() => {
    loading = undefined;
  });
  const ring = await loading;
  cached = { ring, kekSource: source.keyEncryptionKey ?? '' };
  return ring;
}

/** The key to sign with; only where the key-encryption key is configured. */
export async function getSigningKey(source: KeyRingSource): Promise<SigningKey> {
  const ring = await getKeyRing(source);
  if (!ring.signing) {
    throw new AppError('internal', { reason: 'no_signing_key' });
  }
  return ring.signing;
}

async function load(source: KeyRingSource, now: number): Promise<KeyRing> {
  const kek = source.keyEncryptionKey
    ? await importKeyEncryptionKey(source.keyEncryptionKey)
    : undefined;
  const db = source.db();
  let stored = await loadPublishedKeys(db, new Date(now));
  if (kek && !stored.some((key) => key.state === 'current')) {
    await ensureCurrentKey(db, kek, source.alg, new Date(now));
    stored = await loadPublishedKeys(db, new Date(now));
  }

  const verification = new Map<string, VerificationKey>();
  let signing: SigningKey | undefined;
  for (const key of stored) {
    if (!isSigningAlg(key.alg)) {
      continue;
    }
    verification.set(key.kid, {
      alg: key.alg,
      publicKey: await importPublicKey(key.publicJwk, key.alg),
    });
    if (kek && key.state === 'current') {
      const privateJwk = await unwrapPrivateJwk(key.privateJwkEncrypted, key.kid, kek);
      signing = {
        kid: key.kid,
        alg: key.alg,
        privateKey: await importPrivateKey(privateJwk, key.alg),
      };
    }
  }
  return {
    signing,
    verification,
    published: stored.map((key) => key.publicJwk),
    loadedAt: now,
  };
}
