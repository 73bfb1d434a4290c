import { describe, expect, it } from 'vitest';
import { digestSecret, randomToken, secretMatches } from '../../../shared/crypto/secrets';

describe('randomToken', () => {
  it('returns 256 random bits as 43 base64url characters by default', () => {
    const token = randomToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(randomToken()).not.toBe(token);
  });

  it('refuses fewer than 32 bytes', () => {
    expect(() => randomToken(16)).toThrow(RangeError);
    expect(() => randomToken(31.5)).toThrow(RangeError);
    expect(randomToken(48)).toMatch(/^[A-Za-z0-9_-]{64}$/);
  });
});

describe('digestSecret / secretMatches', () => {
  it('stores the SHA-256 of the secret, never the secret', async () => {
    // SHA-256("abc"), FIPS 180-2 appendix B.1, in base64url.
    expect(await digestSecret('abc')).toBe('ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0');
  });

  it('matches the right secret and nothing else', async () => {
    const secret = randomToken();
    const digest = await digestSecret(secret);
    expect(digest).not.toContain(secret);
    expect(await secretMatches(secret, digest)).toBe(true);
    expect(await secretMatches(`${secret}x`, digest)).toBe(false);
    expect(await secretMatches(secret, digest.slice(0, -1))).toBe(false);
    expect(await secretMatches(secret, '')).toBe(false);
  });
});
