import { calculateJwkThumbprint } from 'jose';
import { describe, expect, it } from 'vitest';
import {
  generateSigningKey,
  importPrivateKey,
  importPublicKey,
  isSigningAlg,
  SIGNING_ALGS,
} from '../../../shared/crypto/signing-keys';
import { NOW } from './fixtures';

describe.each(SIGNING_ALGS)('generateSigningKey(%s)', async (alg) => {
  const key = await generateSigningKey(alg, NOW);

  it('names the key by its RFC 7638 thumbprint', async () => {
    expect(key.kid).toBe(await calculateJwkThumbprint(key.publicJwk));
    expect(key.kid).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('publishes kid, alg and use: sig, and no private member', () => {
    expect(key.publicJwk).toMatchObject({ kid: key.kid, alg, use: 'sig' });
    for (const member of ['d', 'p', 'q', 'dp', 'dq', 'qi']) {
      expect(key.publicJwk).not.toHaveProperty(member);
    }
  });

  it('keeps the private half complete, and stamps the creation time', () => {
    expect(key.alg).toBe(alg);
    expect(typeof key.privateJwk.d).toBe('string');
    expect(key.privateJwk.kid).toBe(key.kid);
    expect(key.createdAt.getTime()).toBe(NOW.getTime());
  });

  it('imports both halves for their own algorithm', async () => {
    const privateKey = await importPrivateKey(key.privateJwk, alg);
    const publicKey = await importPublicKey(key.publicJwk, alg);
    expect(privateKey.type).toBe('private');
    expect(publicKey.type).toBe('public');
    expect(privateKey.extractable).toBe(false);
  });

  it('refuses a private JWK as a public key and the reverse', async () => {
    await expect(importPublicKey(key.privateJwk, alg)).rejects.toThrow(TypeError);
    await expect(importPrivateKey(key.publicJwk, alg)).rejects.toThrow(TypeError);
  });

  it('refuses the key for another algorithm', async () => {
    const other = SIGNING_ALGS.find((candidate) => candidate !== alg) ?? 'ES256';
    await expect(importPublicKey(key.publicJwk, other)).rejects.toThrow();
  });
});

describe('signing key guards', () => {
  it('refuses a symmetric JWK, whatever it claims', async () => {
    const oct = { kty: 'oct', k: 'c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0' };
    await expect(importPublicKey(oct, 'ES256')).rejects.toThrow(TypeError);
  });

  it('knows exactly ES256, RS256 and EdDSA', () => {
    expect(SIGNING_ALGS).toEqual(['ES256', 'RS256', 'EdDSA']);
    expect(isSigningAlg('HS256')).toBe(false);
    expect(isSigningAlg('none')).toBe(false);
    expect(isSigningAlg('es256')).toBe(false);
  });
});
