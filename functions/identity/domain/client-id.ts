import { toBase64url } from '../../../shared/crypto/encoding.js';

/** Random bytes in a client id: 128 bits, so ids cannot be guessed or enumerated. */
const CLIENT_ID_BYTES = 16;

/** A new OAuth client id: random and URL-safe (22 base64url characters). */
export function newClientId(): string {
  return toBase64url(crypto.getRandomValues(new Uint8Array(CLIENT_ID_BYTES)));
}
