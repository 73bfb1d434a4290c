import { timingSafeEqualString, toBase64url, utf8 } from './encoding';

/** Fewest random bytes a secret token may carry: 256 bits. */
export const MIN_TOKEN_BYTES = 32;

/** Most random bytes one call hands out; a bound, not a recommendation. */
export const MAX_TOKEN_BYTES = 1024;

/** Returns `bytes` random bytes (at least 32, i.e. 256 bits) as an unpadded base64url string. */
export function randomToken(bytes = MIN_TOKEN_BYTES): string {
  if (!Number.isInteger(bytes) || bytes < MIN_TOKEN_BYTES || bytes > MAX_TOKEN_BYTES) {
    throw new RangeError(`randomToken needs ${MIN_TOKEN_BYTES}..${MAX_TOKEN_BYTES} bytes`);
  }
  return toBase64url(crypto.getRandomValues(new Uint8Array(bytes)));
}

/**
 * Digests a high-entropy secret (client secret, refresh token) for storage: SHA-256, unpadded
 * base64url (43 characters).
 *
 * A fast, unsalted digest is right here, unlike for passwords: these secrets are 256-bit random
 * values, so guessing a preimage is infeasible at any hash speed and a slow KDF would only cost
 * CPU on every request. Being deterministic lets the store look a refresh token up by digest.
 */
export async function digestSecret(secret: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', utf8(secret));
  return toBase64url(new Uint8Array(digest));
}

/** Whether `secret` digests to `digest`, compared in constant time. */
export async function secretMatches(secret: string, digest: string): Promise<boolean> {
  const actual = await digestSecret(secret);
  return timingSafeEqualString(actual, digest);
}
