import { describe, expect, it } from 'vitest';
import {
  importKeyEncryptionKey,
  KeyWrapError,
  unwrapPrivateJwk,
  wrapPrivateJwk,
} from '../../../shared/crypto/key-wrap';
import type { KeyWrapErrorCode } from '../../../shared/crypto/key-wrap';
import { generateSigningKey } from '../../../shared/crypto/signing-keys';
import { NOW } from './fixtures';

function randomBase64(bytes: number): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(bytes))));
}

async function keyWrapErrorCode(work: Promise<unknown>): Promise<KeyWrapErrorCode | undefined> {
  try {
    await work;
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(KeyWrapError);
    return error instanceof KeyWrapError ? error.code : undefined;
  }
}

/** Flips one bit in the base64url segment at `index` of a wrapped value. */
function flipBit(wrapped: string, index: number): string {
  const parts = wrapped.split('.');
  const bytes = Uint8Array.from(
    atob((parts[index] ?? '').replace(/-/g, '+').replace(/_/g, '/')),
    (c) => c.charCodeAt(0),
  );
  bytes[0] = (bytes[0] ?? 0) ^ 1;
  parts[index] = btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
  return parts.join('.');
}

describe('key wrapping (AES-256-GCM under KEY_ENCRYPTION_KEY)', async () => {
  const kek = await importKeyEncryptionKey(randomBase64(32));
  const { kid, privateJwk } = await generateSigningKey('ES256', NOW);

  it('round-trips a private JWK in the v1.<iv>.<ciphertext> format', async () => {
    const wrapped = await wrapPrivateJwk(privateJwk, kid, kek);

    expect(wrapped).toMatch(/^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+$/);
    expect(wrapped).not.toContain(String(privateJwk.d));
    expect(await unwrapPrivateJwk(wrapped, kid, kek)).toEqual(privateJwk);
  });

  it('uses a fresh IV for every wrap', async () => {
    const first = await wrapPrivateJwk(privateJwk, kid, kek);
    const second = await wrapPrivateJwk(privateJwk, kid, kek);
    expect(first.split('.')[1]).not.toBe(second.split('.')[1]);
  });

  it('refuses a tampered ciphertext or IV', async () => {
    const wrapped = await wrapPrivateJwk(privateJwk, kid, kek);
    expect(await keyWrapErrorCode(unwrapPrivateJwk(flipBit(wrapped, 2), kid, kek))).toBe(
      'decrypt_failed',
    );
    expect(await keyWrapErrorCode(unwrapPrivateJwk(flipBit(wrapped, 1), kid, kek))).toBe(
      'decrypt_failed',
    );
  });

  it('refuses a truncated ciphertext (the GCM tag is checked)', async () => {
    const wrapped = await wrapPrivateJwk(privateJwk, kid, kek);
    const truncated = wrapped.slice(0, -4);
    expect(await keyWrapErrorCode(unwrapPrivateJwk(truncated, kid, kek))).toBe('decrypt_failed');
  });

  it('refuses a different key-encryption key', async () => {
    const wrapped = await wrapPrivateJwk(privateJwk, kid, kek);
    const otherKek = await importKeyEncryptionKey(randomBase64(32));
    expect(await keyWrapErrorCode(unwrapPrivateJwk(wrapped, kid, otherKek))).toBe('decrypt_failed');
  });

  it('refuses the ciphertext under another kid (the kid is authenticated data)', async () => {
    const wrapped = await wrapPrivateJwk(privateJwk, kid, kek);
    expect(await keyWrapErrorCode(unwrapPrivateJwk(wrapped, `${kid}x`, kek))).toBe(
      'decrypt_failed',
    );
  });

  it.each([
    '',
    'v1',
    'v2.AAAAAAAAAAAAAAAA.AAAA',
    'v1.AAAA.AAAA',
    'v1.AAAAAAAAAAAAAAAA.',
    'v1.a.b.c',
  ])('refuses %j as malformed', async (wrapped) => {
    expect(await keyWrapErrorCode(unwrapPrivateJwk(wrapped, kid, kek))).toBe('malformed');
  });

  it.each([
    ['16 bytes', randomBase64(16)],
    ['33 bytes', randomBase64(33)],
    ['not base64', 'not base64!'],
  ])('refuses a key-encryption key of %s', async (_label, value) => {
    expect(await keyWrapErrorCode(importKeyEncryptionKey(value))).toBe('invalid_kek');
  });
});
