import type { JWK } from 'jose';
import { fromBase64, fromBase64url, toBase64url, utf8 } from './encoding';

/** Version tag of the wrapped format `v1.<iv>.<ciphertext>`. */
const FORMAT_VERSION = 'v1';
const KEK_BYTES = 32;
const IV_BYTES = 12;

/** Stable codes of `KeyWrapError`. */
export type KeyWrapErrorCode = 'invalid_kek' | 'malformed' | 'decrypt_failed';

/** A key-encryption key or a wrapped key that cannot be used. */
export class KeyWrapError extends Error {
  override readonly name = 'KeyWrapError';
  readonly code: KeyWrapErrorCode;

  constructor(code: KeyWrapErrorCode, message: string = code) {
    super(message);
    this.code = code;
  }
}

/** Imports the key-encryption key from its configuration value: base64 of 32 bytes. */
export async function importKeyEncryptionKey(base64: string): Promise<CryptoKey> {
  let raw: Uint8Array<ArrayBuffer>;
  try {
    raw = fromBase64(base64);
  } catch {
    throw new KeyWrapError('invalid_kek', 'KEY_ENCRYPTION_KEY is not base64');
  }

  if (raw.length !== KEK_BYTES) {
    throw new KeyWrapError('invalid_kek', `KEY_ENCRYPTION_KEY must be ${KEK_BYTES} bytes`);
  }
  return crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt']);
}

/** Encrypts a private JWK with AES-256-GCM; the key id is bound as additional data. */
export async function wrapPrivateJwk(jwk: JWK, kid: string, kek: CryptoKey): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const params = { name: 'AES-GCM', iv, additionalData: utf8(kid) };
  const ciphertext = await crypto.subtle.encrypt(params, kek, utf8(JSON.stringify(jwk)));
  return `${FORMAT_VERSION}.${toBase64url(iv)}.${toBase64url(new Uint8Array(ciphertext))}`;
}

/** Decrypts a wrapped private JWK; throws `KeyWrapError` on a wrong key, kid or any tampering. */
export async function unwrapPrivateJwk(wrapped: string, kid: string, kek: CryptoKey): Promise<JWK> {
  const { iv, ciphertext } = splitWrapped(wrapped);

  let plaintext: ArrayBuffer;
  try {
    const params = { name: 'AES-GCM', iv, additionalData: utf8(kid) };
    plaintext = await crypto.subtle.decrypt(params, kek, ciphertext);
  } catch {
    throw new KeyWrapError('decrypt_failed');
  }

  // Authenticated, so malformed JSON here means it was wrapped that way, not tampered with.
  const jwk: unknown = JSON.parse(new TextDecoder().decode(plaintext));
  if (!isJwk(jwk)) {
    throw new KeyWrapError('malformed', 'wrapped value is not a JWK');
  }
  return jwk;
}

function splitWrapped(wrapped: string): {
  iv: Uint8Array<ArrayBuffer>;
  ciphertext: Uint8Array<ArrayBuffer>;
} {
  const parts = wrapped.split('.');
  if (parts.length !== 3 || parts[0] !== FORMAT_VERSION) {
    throw new KeyWrapError('malformed');
  }

  try {
    const iv = fromBase64url(parts[1] ?? '');
    const ciphertext = fromBase64url(parts[2] ?? '');
    if (iv.length !== IV_BYTES || ciphertext.length === 0) {
      throw new KeyWrapError('malformed');
    }
    return { iv, ciphertext };
  } catch {
    throw new KeyWrapError('malformed');
  }
}

function isJwk(value: unknown): value is JWK {
  return (
    typeof value === 'object' && value !== null && typeof Reflect.get(value, 'kty') === 'string'
  );
}
