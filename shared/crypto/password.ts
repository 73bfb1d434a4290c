import { timingSafeEqual, utf8 } from './encoding';
import { checkPasswordLength, PASSWORD_MAX_BYTES } from './password-length';
import {
  assertIterationsInRange,
  formatPasswordHash,
  parsePasswordHash,
  PASSWORD_HASH_BYTES,
  PASSWORD_KDF_MAX_ITERATIONS,
  PASSWORD_SALT_BYTES,
  PasswordHashError,
} from './password-format';
import type { PasswordHashRecord } from './password-format';
import { pepperPassword } from './password-pepper';
import type { Pepper } from './password-pepper';

export { checkPasswordLength } from './password-length';
export type { PasswordLengthCheck, PasswordLengthReason } from './password-length';
export {
  PASSWORD_KDF_MAX_ITERATIONS,
  PASSWORD_KDF_MIN_ITERATIONS,
  PasswordHashError,
} from './password-format';
export type { PasswordHashErrorCode } from './password-format';
export { pepperFromBase64 } from './password-pepper';
export type { Pepper } from './password-pepper';

/** What password hashing takes from configuration. */
export interface PasswordHashingConfig {
  /** The current pepper: new hashes use it. */
  pepper: Pepper;
  /** Retired peppers, kept so hashes made under them still verify (then get rehashed). */
  previousPeppers?: readonly Pepper[];
  /** PBKDF2 iterations for new hashes; defaults to (and may not exceed) the production cap. */
  iterations?: number;
}

/** Outcome of a verification; `needsRehash` is only ever true alongside `ok`. */
export interface PasswordVerification {
  ok: boolean;
  needsRehash: boolean;
}

const rejected: PasswordVerification = { ok: false, needsRehash: false };

/** Hashes a password for storage: HMAC pepper, then PBKDF2-HMAC-SHA256 with a random salt. */
export async function hashPassword(
  password: string,
  config: PasswordHashingConfig,
): Promise<string> {
  if (!checkPasswordLength(password).ok) {
    throw new PasswordHashError('invalid_password_length');
  }

  const iterations = currentIterations(config);
  assertIterationsInRange(iterations);

  const salt = crypto.getRandomValues(new Uint8Array(PASSWORD_SALT_BYTES));
  const hash = await derive(password, config.pepper, salt, iterations);
  return formatPasswordHash({ iterations, pepperId: config.pepper.id, salt, hash });
}

/**
 * Checks a password against a stored hash. A wrong password is `ok: false`; a stored hash that
 * is malformed, of another algorithm, outside the iteration bounds or under an unknown pepper
 * throws `PasswordHashError` before any hashing.
 */
export async function verifyPassword(
  password: string,
  encoded: string,
  config: PasswordHashingConfig,
): Promise<PasswordVerification> {
  const record = parsePasswordHash(encoded);
  const pepper = findPepper(config, record.pepperId);

  // SPEC §2.5: bounded work. Too long to have been set, so it cannot match.
  if (utf8(password).length > PASSWORD_MAX_BYTES) {
    return rejected;
  }

  const ok = await matches(password, record, pepper);
  const stale =
    record.iterations !== currentIterations(config) || record.pepperId !== config.pepper.id;
  return { ok, needsRehash: ok && stale };
}

/**
 * Spends the same work as `verifyPassword` against a hash that matches nothing, so an unknown
 * user answers as slowly as a wrong password. Always `ok: false`.
 */
export async function dummyVerify(
  password: string,
  config: PasswordHashingConfig,
): Promise<PasswordVerification> {
  if (utf8(password).length > PASSWORD_MAX_BYTES) {
    return rejected;
  }

  const record: PasswordHashRecord = {
    iterations: currentIterations(config),
    pepperId: config.pepper.id,
    salt: new Uint8Array(PASSWORD_SALT_BYTES),
    hash: new Uint8Array(PASSWORD_HASH_BYTES),
  };
  await matches(password, record, config.pepper);
  return rejected;
}

function currentIterations(config: PasswordHashingConfig): number {
  return config.iterations ?? PASSWORD_KDF_MAX_ITERATIONS;
}

function findPepper(config: PasswordHashingConfig, id: string): Pepper {
  if (config.pepper.id === id) {
    return config.pepper;
  }

  const previous = config.previousPeppers?.find((pepper) => pepper.id === id);
  if (!previous) {
    throw new PasswordHashError('unknown_pepper', `pepper ${id} is not configured`);
  }
  return previous;
}

async function matches(
  password: string,
  record: PasswordHashRecord,
  pepper: Pepper,
): Promise<boolean> {
  const hash = await derive(password, pepper, record.salt, record.iterations);
  return timingSafeEqual(hash, record.hash);
}

async function derive(
  password: string,
  pepper: Pepper,
  salt: Uint8Array<ArrayBuffer>,
  iterations: number,
): Promise<Uint8Array<ArrayBuffer>> {
  // The last guard before the KDF: local workerd would run any count, production refuses.
  assertIterationsInRange(iterations);

  const input = await pepperPassword(password, pepper.key);
  const key = await crypto.subtle.importKey('raw', input, 'PBKDF2', false, ['deriveBits']);
  const params = { name: 'PBKDF2', hash: 'SHA-256', salt, iterations };
  const bits = await crypto.subtle.deriveBits(params, key, PASSWORD_HASH_BYTES * 8);
  return new Uint8Array(bits);
}
