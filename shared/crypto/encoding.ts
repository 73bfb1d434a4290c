import { base64url } from 'jose';

const utf8Encoder = new TextEncoder();
const base64urlAlphabet = /^[A-Za-z0-9_-]*$/;

/** Encodes text as UTF-8 bytes. */
export function utf8(text: string): Uint8Array<ArrayBuffer> {
  // TextEncoder always allocates a fresh, non-shared ArrayBuffer; some type libraries widen it.
  return utf8Encoder.encode(text) as Uint8Array<ArrayBuffer>;
}

/** Encodes bytes (or a string, as UTF-8) as unpadded base64url (RFC 4648 §5). */
export function toBase64url(input: Uint8Array | string): string {
  return base64url.encode(input);
}

/** Decodes unpadded base64url into bytes; throws a TypeError when the text is not base64url. */
export function fromBase64url(text: string): Uint8Array<ArrayBuffer> {
  // jose's decoder skips whitespace and padding on some runtimes; be strict on all of them.
  if (!base64urlAlphabet.test(text)) {
    throw new TypeError('not base64url');
  }
  return copyBytes(base64url.decode(text));
}

/** Decodes standard base64 (RFC 4648 §4, padding optional) or base64url, as secrets arrive. */
export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const trimmed = text.trim();

  // Normalise to base64url so one strict decoder handles both alphabets.
  const normalised = trimmed.replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  return fromBase64url(normalised);
}

/**
 * Compares two byte strings in time that depends only on their lengths, never on where they
 * first differ: every byte is visited and a length difference is folded into the result.
 */
export function timingSafeEqual(a: Uint8Array, b: Uint8Array): boolean {
  const length = Math.max(a.length, b.length);
  let difference = a.length ^ b.length;
  for (let i = 0; i < length; i++) {
    difference |= (a[i] ?? 0) ^ (b[i] ?? 0);
  }
  return difference === 0;
}

/** Compares two strings (as UTF-8 bytes) in constant time; see `timingSafeEqual`. */
export function timingSafeEqualString(a: string, b: string): boolean {
  return timingSafeEqual(utf8(a), utf8(b));
}

/** Copies bytes into a fresh ArrayBuffer-backed array, the shape WebCrypto's types accept. */
export function copyBytes(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  const copy = new Uint8Array(bytes.length);
  copy.set(bytes);
  return copy;
}
