import { afterEach, describe, expect, it, vi } from 'vitest';
import { toBase64url } from '../../../shared/crypto/encoding';
import {
  checkPasswordLength,
  dummyVerify,
  hashPassword,
  PASSWORD_KDF_MAX_ITERATIONS,
  PasswordHashError,
  pepperFromBase64,
  verifyPassword,
} from '../../../shared/crypto/password';
import type { PasswordHashErrorCode, PasswordHashingConfig } from '../../../shared/crypto/password';

function randomPepper(id: string) {
  const key = crypto.getRandomValues(new Uint8Array(32));
  return pepperFromBase64(id, btoa(String.fromCharCode(...key)));
}

const pepper1 = randomPepper('1');
const pepper2 = randomPepper('2');
const config: PasswordHashingConfig = { pepper: pepper1 };
const password = 'correct horse battery staple';

/** A well-formed stored hash with the given iterations field; never produced by hashPassword. */
function storedHash(iterations: string, pepperId = '1'): string {
  const salt = toBase64url(new Uint8Array(16));
  const hash = toBase64url(new Uint8Array(32));
  return `pbkdf2-sha256$i=${iterations}$p=${pepperId}$${salt}$${hash}`;
}

/** Spies on PBKDF2 and returns the iteration count of every call. */
function watchDeriveBits(): number[] {
  const iterations: number[] = [];
  const original = crypto.subtle.deriveBits.bind(crypto.subtle);
  vi.spyOn(crypto.subtle, 'deriveBits').mockImplementation((algorithm, key, length) => {
    iterations.push(
      typeof algorithm === 'object' ? Number(Reflect.get(algorithm, 'iterations')) : NaN,
    );
    return original(algorithm, key, length);
  });
  return iterations;
}

async function hashErrorCode(work: Promise<unknown>): Promise<PasswordHashErrorCode | undefined> {
  try {
    await work;
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(PasswordHashError);
    return error instanceof PasswordHashError ? error.code : undefined;
  }
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('hashPassword / verifyPassword', () => {
  it('round-trips and stores algorithm, parameters, pepper id, salt and hash', async () => {
    const encoded = await hashPassword(password, config);

    expect(encoded).toMatch(/^pbkdf2-sha256\$i=100000\$p=1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(await verifyPassword(password, encoded, config)).toEqual({
      ok: true,
      needsRehash: false,
    });
  });

  it('salts every hash differently', async () => {
    const first = await hashPassword(password, config);
    const second = await hashPassword(password, config);
    expect(first).not.toBe(second);
  });

  it('refuses a wrong password', async () => {
    const encoded = await hashPassword(password, config);
    const result = await verifyPassword('correct horse battery stapl', encoded, config);
    expect(result).toEqual({ ok: false, needsRehash: false });
  });

  it('refuses the right password under a different pepper with the same id', async () => {
    const encoded = await hashPassword(password, config);
    const impostor = { pepper: { id: '1', key: randomPepper('x').key } };
    expect((await verifyPassword(password, encoded, impostor)).ok).toBe(false);
  });

  it('reads every byte: a 100-byte password differing after byte 72 does not verify', async () => {
    const prefix = 'a'.repeat(80);
    const encoded = await hashPassword(`${prefix}${'b'.repeat(20)}`, config);
    const other = `${prefix}${'c'.repeat(20)}`;
    expect(other).toHaveLength(100);
    expect((await verifyPassword(other, encoded, config)).ok).toBe(false);
  });

  it('treats canonically equivalent Unicode (NFC vs NFD) as the same password', async () => {
    const composed = 'caf\u00e9 au lait please';
    const decomposed = 'cafe\u0301 au lait please';
    const encoded = await hashPassword(composed, config);
    expect((await verifyPassword(decomposed, encoded, config)).ok).toBe(true);
  });
});

describe('needsRehash', () => {
  it('is set when the stored iteration count is not the current one', async () => {
    const encoded = await hashPassword(password, { ...config, iterations: 50_000 });
    expect(encoded).toContain('$i=50000$');
    expect(await verifyPassword(password, encoded, config)).toEqual({
      ok: true,
      needsRehash: true,
    });
  });

  it('is set when the hash was made under a retired pepper', async () => {
    const encoded = await hashPassword(password, { pepper: pepper1 });
    const rotated = { pepper: pepper2, previousPeppers: [pepper1] };
    expect(await verifyPassword(password, encoded, rotated)).toEqual({
      ok: true,
      needsRehash: true,
    });
  });

  it('is never set for a wrong password', async () => {
    const encoded = await hashPassword(password, { ...config, iterations: 50_000 });
    const result = await verifyPassword('not the password at all', encoded, config);
    expect(result).toEqual({ ok: false, needsRehash: false });
  });

  it('throws unknown_pepper once a pepper is no longer configured', async () => {
    const encoded = await hashPassword(password, { pepper: pepper1 });
    const code = await hashErrorCode(verifyPassword(password, encoded, { pepper: pepper2 }));
    expect(code).toBe('unknown_pepper');
  });
});

describe('iteration cap (production Workers refuse PBKDF2 above 100,000)', () => {
  it('is 100,000', () => {
    expect(PASSWORD_KDF_MAX_ITERATIONS).toBe(100_000);
  });

  it('hashPassword and verifyPassword never run PBKDF2 above the cap', async () => {
    const iterations = watchDeriveBits();

    const encoded = await hashPassword(password, config);
    await verifyPassword(password, encoded, config);
    await dummyVerify(password, config);

    expect(iterations).toEqual([100_000, 100_000, 100_000]);
  });

  it('hashPassword refuses a configured count above the cap, before hashing', async () => {
    const iterations = watchDeriveBits();
    const code = await hashErrorCode(hashPassword(password, { ...config, iterations: 100_001 }));
    expect(code).toBe('iterations_out_of_range');
    expect(iterations).toEqual([]);
  });

  it.each(['100001', '600000', '999999999'])(
    'refuses a stored hash claiming %s iterations without hashing',
    async (count) => {
      const iterations = watchDeriveBits();
      const code = await hashErrorCode(verifyPassword(password, storedHash(count), config));
      expect(code).toBe('iterations_out_of_range');
      expect(iterations).toEqual([]);
    },
  );

  it.each(['1', '9999'])('refuses a stored hash below the floor (%s iterations)', async (count) => {
    const iterations = watchDeriveBits();
    const code = await hashErrorCode(verifyPassword(password, storedHash(count), config));
    expect(code).toBe('iterations_out_of_range');
    expect(iterations).toEqual([]);
  });
});

describe('stored hash format', () => {
  const salt = toBase64url(new Uint8Array(16));
  const hash = toBase64url(new Uint8Array(32));

  it.each([
    ['an empty string', ''],
    ['a bare word', 'hunter2'],
    ['missing fields', `pbkdf2-sha256$i=100000$${salt}$${hash}`],
    ['an extra field', `pbkdf2-sha256$i=100000$p=1$${salt}$${hash}$x`],
    ['a non-numeric iteration count', `pbkdf2-sha256$i=1e5$p=1$${salt}$${hash}`],
    ['a leading zero', `pbkdf2-sha256$i=0100000$p=1$${salt}$${hash}`],
    ['a short salt', `pbkdf2-sha256$i=100000$p=1$AAAA$${hash}`],
    ['a short hash', `pbkdf2-sha256$i=100000$p=1$${salt}$${hash.slice(0, 20)}`],
    ['standard base64 in the salt', `pbkdf2-sha256$i=100000$p=1$${salt.slice(0, -2)}+/$${hash}`],
    ['an oversized value', `pbkdf2-sha256$i=100000$p=1$${'A'.repeat(10_000)}$${hash}`],
  ])('refuses %s as malformed_hash', async (_label, encoded) => {
    const iterations = watchDeriveBits();
    expect(await hashErrorCode(verifyPassword(password, encoded, config))).toBe('malformed_hash');
    expect(iterations).toEqual([]);
  });

  it.each([
    `argon2id$v=19$m=19456,t=2,p=1$${salt}$${hash}`,
    '$2b$12$abcdefghijklmnopqrstuuabcdefghijklmnopqrstuvwxyz01234',
    `pbkdf2-sha1$i=100000$p=1$${salt}$${hash}`,
  ])('refuses an unknown algorithm: %s', async (encoded) => {
    const iterations = watchDeriveBits();
    expect(await hashErrorCode(verifyPassword(password, encoded, config))).toBe(
      'unknown_algorithm',
    );
    expect(iterations).toEqual([]);
  });
});

describe('checkPasswordLength (SPEC §4: 12–256 characters, ≤ 256 bytes)', () => {
  it.each([
    ['11 ASCII characters', 'a'.repeat(11), { ok: false, reason: 'too_short' }],
    ['12 ASCII characters', 'a'.repeat(12), { ok: true }],
    ['256 ASCII characters', 'a'.repeat(256), { ok: true }],
    ['257 ASCII characters', 'a'.repeat(257), { ok: false, reason: 'too_long' }],
    ['11 emoji (44 bytes)', '🔑'.repeat(11), { ok: false, reason: 'too_short' }],
    ['12 emoji (48 bytes, 24 UTF-16 units)', '🔑'.repeat(12), { ok: true }],
    ['64 emoji (256 bytes)', '🔑'.repeat(64), { ok: true }],
    ['65 emoji (65 characters but 260 bytes)', '🔑'.repeat(65), { ok: false, reason: 'too_long' }],
    ['128 × é (256 bytes)', 'é'.repeat(128), { ok: true }],
    ['129 × é (129 characters but 258 bytes)', 'é'.repeat(129), { ok: false, reason: 'too_long' }],
    ['the empty string', '', { ok: false, reason: 'too_short' }],
  ])('%s', (_label, candidate, expected) => {
    expect(checkPasswordLength(candidate)).toEqual(expected);
  });

  it('refuses a 1 MB password without hashing it', async () => {
    const huge = 'x'.repeat(1024 * 1024);
    const iterations = watchDeriveBits();

    expect(checkPasswordLength(huge)).toEqual({ ok: false, reason: 'too_long' });
    expect(await hashErrorCode(hashPassword(huge, config))).toBe('invalid_password_length');

    const encoded = storedHash('100000');
    expect(await verifyPassword(huge, encoded, config)).toEqual({ ok: false, needsRehash: false });
    expect(iterations).toEqual([]);
  });

  it('hashPassword refuses a too-short password', async () => {
    expect(await hashErrorCode(hashPassword('short', config))).toBe('invalid_password_length');
  });
});

describe('dummyVerify', () => {
  it('always fails, after the same PBKDF2 work as a real verification', async () => {
    const iterations = watchDeriveBits();
    expect(await dummyVerify(password, config)).toEqual({ ok: false, needsRehash: false });
    expect(iterations).toEqual([100_000]);
  });
});

describe('pepperFromBase64', () => {
  it('refuses fewer than 32 bytes of key material', () => {
    expect(() => pepperFromBase64('1', btoa('x'.repeat(31)))).toThrow(PasswordHashError);
  });

  it('refuses ids that cannot be stored in a hash', () => {
    expect(() => pepperFromBase64('a$b', btoa('x'.repeat(32)))).toThrow(PasswordHashError);
    expect(() => pepperFromBase64('', btoa('x'.repeat(32)))).toThrow(PasswordHashError);
  });
});
