import { fromBase64, utf8 } from './encoding';
import { assertPepperId, PasswordHashError } from './password-format';

/** Fewest bytes of key material a pepper may have. */
export const PEPPER_MIN_BYTES = 32;

/** A pepper: secret HMAC key material from configuration, named by an id so it can rotate. */
export interface Pepper {
  id: string;
  key: Uint8Array<ArrayBuffer>;
}

/** Builds a pepper from its id and its base64 configuration value (at least 32 bytes). */
export function pepperFromBase64(id: string, base64: string): Pepper {
  assertPepperId(id);

  let key: Uint8Array<ArrayBuffer>;
  try {
    key = fromBase64(base64);
  } catch {
    throw new PasswordHashError('invalid_pepper', 'pepper is not base64');
  }

  if (key.length < PEPPER_MIN_BYTES) {
    throw new PasswordHashError('invalid_pepper', `pepper needs ${PEPPER_MIN_BYTES}+ bytes`);
  }
  return { id, key };
}

/**
 * HMAC-SHA256(pepper, NFKC(password)): the fixed 32-byte input PBKDF2 derives from. A stolen
 * database alone cannot be brute-forced without the pepper, and since HMAC reads every byte,
 * nothing is truncated. NFKC follows NIST SP 800-63B §5.1.1.2 so one password typed on
 * different keyboards hashes alike.
 */
export async function pepperPassword(
  password: string,
  pepper: Uint8Array<ArrayBuffer>,
): Promise<Uint8Array<ArrayBuffer>> {
  const hmac = { name: 'HMAC', hash: 'SHA-256' };
  const key = await crypto.subtle.importKey('raw', pepper, hmac, false, ['sign']);
  const mac = await crypto.subtle.sign('HMAC', key, utf8(password.normalize('NFKC')));
  return new Uint8Array(mac);
}
