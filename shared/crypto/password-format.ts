import { fromBase64url, toBase64url } from './encoding';

/** Name of the password KDF, the first field of every stored hash. */
export const PASSWORD_KDF_ALGORITHM = 'pbkdf2-sha256';

/** PBKDF2 iterations cap: production Workers refuse `deriveBits` above 100,000. */
export const PASSWORD_KDF_MAX_ITERATIONS = 100_000;

/** Fewest iterations a stored hash may claim; below it the row is corrupt or too weak to trust. */
export const PASSWORD_KDF_MIN_ITERATIONS = 10_000;

/** Salt length in bytes. */
export const PASSWORD_SALT_BYTES = 16;

/** Derived hash length in bytes. */
export const PASSWORD_HASH_BYTES = 32;

/** Longest encoded hash accepted; a real one is about 130 characters. */
const MAX_ENCODED_LENGTH = 256;

// [\w-] is exactly the base64url alphabet: A-Z a-z 0-9 _ -.
const pepperIdPattern = /^[\w-]{1,32}$/;

// pbkdf2-sha256$i=<iterations>$p=<pepper id>$<salt>$<hash>
const encodedPattern = /^pbkdf2-sha256\$i=([1-9]\d{0,8})\$p=([\w-]{1,32})\$([\w-]+)\$([\w-]+)$/;

/** Stable codes of `PasswordHashError`. */
export type PasswordHashErrorCode =
  | 'malformed_hash'
  | 'unknown_algorithm'
  | 'iterations_out_of_range'
  | 'unknown_pepper'
  | 'invalid_pepper'
  | 'invalid_password_length';

/** A stored hash or a configuration that must not be used; never a wrong password. */
export class PasswordHashError extends Error {
  override readonly name = 'PasswordHashError';
  readonly code: PasswordHashErrorCode;

  constructor(code: PasswordHashErrorCode, message: string = code) {
    super(message);
    this.code = code;
  }
}

/** The fields of a stored password hash. */
export interface PasswordHashRecord {
  iterations: number;
  pepperId: string;
  salt: Uint8Array<ArrayBuffer>;
  hash: Uint8Array<ArrayBuffer>;
}

/** Throws unless `iterations` lies within the floor and the production cap. */
export function assertIterationsInRange(iterations: number): void {
  if (
    !Number.isSafeInteger(iterations) ||
    iterations < PASSWORD_KDF_MIN_ITERATIONS ||
    iterations > PASSWORD_KDF_MAX_ITERATIONS
  ) {
    throw new PasswordHashError('iterations_out_of_range', `iterations ${iterations} refused`);
  }
}

/** Throws unless `id` can name a pepper in a stored hash. */
export function assertPepperId(id: string): void {
  if (!pepperIdPattern.test(id)) {
    throw new PasswordHashError('invalid_pepper', 'pepper id must match [A-Za-z0-9_-]{1,32}');
  }
}

/** Encodes a hash record as `pbkdf2-sha256$i=<n>$p=<pepper id>$<salt>$<hash>`. */
export function formatPasswordHash(record: PasswordHashRecord): string {
  assertIterationsInRange(record.iterations);
  assertPepperId(record.pepperId);

  const salt = toBase64url(record.salt);
  const hash = toBase64url(record.hash);
  return `${PASSWORD_KDF_ALGORITHM}$i=${record.iterations}$p=${record.pepperId}$${salt}$${hash}`;
}

/** Reads a stored hash back; throws `PasswordHashError` for anything it will not hash against. */
export function parsePasswordHash(encoded: string): PasswordHashRecord {
  if (
    typeof encoded !== 'string' ||
    encoded.length > MAX_ENCODED_LENGTH ||
    !encoded.includes('$')
  ) {
    throw new PasswordHashError('malformed_hash');
  }

  if (encoded.split('$', 1)[0] !== PASSWORD_KDF_ALGORITHM) {
    throw new PasswordHashError('unknown_algorithm');
  }

  const match = encodedPattern.exec(encoded);
  if (!match) {
    throw new PasswordHashError('malformed_hash');
  }
  const [, iterationsField = '', pepperId = '', saltField = '', hashField = ''] = match;

  // SPEC §2.5: parameters read back from storage are capped before any work is done.
  const iterations = Number(iterationsField);
  assertIterationsInRange(iterations);

  const salt = decodeField(saltField, PASSWORD_SALT_BYTES);
  const hash = decodeField(hashField, PASSWORD_HASH_BYTES);
  return { iterations, pepperId, salt, hash };
}

function decodeField(field: string, expectedBytes: number): Uint8Array<ArrayBuffer> {
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    bytes = fromBase64url(field);
  } catch {
    throw new PasswordHashError('malformed_hash');
  }

  if (bytes.length !== expectedBytes) {
    throw new PasswordHashError('malformed_hash');
  }
  return bytes;
}
