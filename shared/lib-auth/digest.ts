const encoder = new TextEncoder();

/**
 * Hex SHA-256 of `value`. Caches key on a token's digest, never the token itself, so a heap
 * dump or a debug print of a cache shows no usable credential.
 */
export async function sha256Hex(value: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', encoder.encode(value));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}
