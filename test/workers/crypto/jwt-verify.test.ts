import { CompactEncrypt, exportSPKI, importJWK } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { signAccessToken, verifyAccessToken } from '../../../shared/crypto/jwt';
import type { AccessTokenRejection, VerifyAccessTokenOptions } from '../../../shared/crypto/jwt';
import type { SigningAlg } from '../../../shared/crypto/signing-keys';
import {
  ISSUER,
  makeKey,
  NOW,
  NOW_SECONDS,
  personClaims,
  segment,
  signEs256Manually,
  signHs256,
  signRaw,
  wireClaims,
} from './fixtures';
import type { TestKey } from './fixtures';

let es256: TestKey;
let rs256: TestKey;
let attacker: TestKey;
let options: VerifyAccessTokenOptions;

beforeAll(async () => {
  es256 = await makeKey('ES256');
  rs256 = await makeKey('RS256');
  attacker = await makeKey('ES256');
  options = {
    keys: new Map([
      [es256.signing.kid, es256.verification],
      [rs256.signing.kid, rs256.verification],
    ]),
    issuer: ISSUER,
    audience: 'ledger',
    now: NOW,
    allowedAlgs: ['ES256', 'RS256', 'EdDSA'],
  };
});

/** A correct header for the ES256 test key, with overrides. */
function header(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { alg: 'ES256', kid: es256.signing.kid, typ: 'at+jwt', ...overrides };
}

/** The public key again, extractable, to derive attacker secrets from its bytes. */
async function extractablePublicKey(key: TestKey): Promise<CryptoKey> {
  const imported = await importJWK(key.generated.publicJwk, 'ES256', { extractable: true });
  if (imported instanceof Uint8Array) {
    throw new TypeError('expected an asymmetric key');
  }
  return imported;
}

async function reasonFor(
  token: string,
  overrides: Partial<VerifyAccessTokenOptions> = {},
): Promise<AccessTokenRejection | 'accepted'> {
  const result = await verifyAccessToken(token, { ...options, ...overrides });
  return result.ok ? 'accepted' : result.reason;
}

describe('a control token', () => {
  it('is accepted, so every rejection below is caused by its one change', async () => {
    const token = await signRaw(wireClaims(), header(), es256.signing.privateKey);
    expect(await reasonFor(token)).toBe('accepted');
  });

  it.each(['at+jwt', 'AT+JWT', 'application/at+jwt', 'Application/AT+JWT'])(
    'accepts typ %s (RFC 9068 §4)',
    async (typ) => {
      const token = await signRaw(wireClaims(), header({ typ }), es256.signing.privateKey);
      expect(await reasonFor(token)).toBe('accepted');
    },
  );
});

describe('shape, checked before any crypto', () => {
  it.each([
    ['the empty string', ''],
    ['one part', 'abc'],
    ['two parts', 'abc.def'],
    ['an empty signature (alg none style)', 'abc.def.'],
    ['empty parts', '..'],
    ['four parts', 'a.b.c.d'],
    ['five dots', 'a.b.c.d.e.f'],
    ['standard base64 characters', 'ab+c.de/f.gh=='],
    ['whitespace', 'abc.def.ghi '],
    ['100 KB of garbage', 'x'.repeat(100 * 1024)],
    ['100 KB of dots', '.'.repeat(100 * 1024)],
  ])('refuses %s as malformed', async (_label, token) => {
    expect(await reasonFor(token)).toBe('malformed');
  });

  it('refuses a well-formed token longer than 8 KB as malformed', async () => {
    const padding = 'x'.repeat(9000);
    const token = await signRaw(wireClaims({ padding }), header(), es256.signing.privateKey);
    expect(await reasonFor(token)).toBe('malformed');
  });

  it('refuses a five-part JWE as malformed', async () => {
    const jwe = await new CompactEncrypt(new TextEncoder().encode(JSON.stringify(wireClaims())))
      .setProtectedHeader({ alg: 'dir', enc: 'A256GCM', kid: es256.signing.kid, typ: 'at+jwt' })
      .encrypt(new Uint8Array(32));
    expect(jwe.split('.')).toHaveLength(5);
    expect(await reasonFor(jwe)).toBe('malformed');
  });

  it.each([
    ['not JSON', 'bm90IGpzb24'],
    ['a JSON array', segment(['alg', 'ES256'])],
    ['a JSON string', segment('ES256')],
    ['invalid UTF-8', '_-8'],
  ])('refuses a header that is %s as malformed', async (_label, encodedHeader) => {
    const token = `${encodedHeader}.${segment(wireClaims())}.c2ln`;
    expect(await reasonFor(token)).toBe('malformed');
  });

  it.each([
    ['a JSON array', [1, 2]],
    ['a JSON string', 'claims'],
    ['null', null],
  ])('refuses a correctly signed payload that is %s as malformed', async (_label, payload) => {
    const token = await signEs256Manually(header(), payload, es256.signing.privateKey);
    expect(await reasonFor(token)).toBe('malformed');
  });

  it('never throws, whatever it is given', async () => {
    const inputs: unknown[] = [undefined, null, 42, {}, ['a.b.c'], 'a.b.c', '\u0000.\u0000.\u0000'];
    for (const input of inputs) {
      const result = await verifyAccessToken(input as string, options);
      expect(result.ok).toBe(false);
    }
  });
});

describe('algorithm (RFC 8725 §3.1)', () => {
  it('refuses alg none, even with a signature segment', async () => {
    const token = `${segment(header({ alg: 'none' }))}.${segment(wireClaims())}.c2ln`;
    expect(await reasonFor(token)).toBe('alg_not_allowed');
  });

  it('refuses HS256 signed with the public key as the HMAC secret', async () => {
    for (const secret of [
      new TextEncoder().encode(await exportSPKI(await extractablePublicKey(es256))),
      new TextEncoder().encode(JSON.stringify(es256.generated.publicJwk)),
    ]) {
      const token = await signHs256(header({ alg: 'HS256' }), wireClaims(), secret);
      expect(await reasonFor(token)).toBe('alg_not_allowed');
      // Even a misconfigured allow-list cannot let HS256 in.
      const allowedAlgs = ['HS256'] as unknown as SigningAlg[];
      expect(await reasonFor(token, { allowedAlgs })).toBe('alg_not_allowed');
    }
  });

  it('refuses an algorithm that is supported but not allowed here', async () => {
    const token = await signRaw(
      wireClaims(),
      header({ alg: 'RS256', kid: rs256.signing.kid }),
      rs256.signing.privateKey,
    );
    expect(await reasonFor(token)).toBe('accepted');
    expect(await reasonFor(token, { allowedAlgs: ['ES256'] })).toBe('alg_not_allowed');
  });

  it.each(['es256', 'ES384', 'PS256', 'EdDSA '])('refuses alg %j', async (alg) => {
    const token = `${segment(header({ alg }))}.${segment(wireClaims())}.c2ln`;
    expect(await reasonFor(token)).toBe('alg_not_allowed');
  });

  it('refuses a header alg that differs from the key it names', async () => {
    const token = await signRaw(
      wireClaims(),
      header({ alg: 'ES256', kid: rs256.signing.kid }),
      attacker.signing.privateKey,
    );
    expect(await reasonFor(token)).toBe('key_alg_mismatch');
  });
});

describe('headers that choose their own key (RFC 7515 §4.1)', () => {
  it('refuses an embedded jwk, even one that verifies the signature', async () => {
    const jwk = attacker.generated.publicJwk;
    const token = await signEs256Manually(
      header({ jwk }),
      wireClaims(),
      attacker.signing.privateKey,
    );
    expect(await reasonFor(token)).toBe('embedded_key');
  });

  it.each([
    ['jku', 'https://attacker.example/jwks.json'],
    ['x5u', 'https://attacker.example/cert.pem'],
    ['x5c', ['MIIBszCCAVmgAwIBAgIU']],
  ])('refuses a %s header', async (name, value) => {
    const token = await signEs256Manually(
      header({ [name]: value }),
      wireClaims(),
      es256.signing.privateKey,
    );
    expect(await reasonFor(token)).toBe('embedded_key');
  });

  it('refuses any crit header', async () => {
    const token = await signEs256Manually(
      header({ crit: ['exp'] }),
      wireClaims(),
      es256.signing.privateKey,
    );
    expect(await reasonFor(token)).toBe('unsupported_header');
  });
});

describe('type (RFC 9068 §4)', () => {
  it.each([['JWT'], ['jwt'], ['at+jwt+x'], ['application/jwt'], [42]])(
    'refuses typ %j',
    async (typ) => {
      const token = await signEs256Manually(
        header({ typ }),
        wireClaims(),
        es256.signing.privateKey,
      );
      expect(await reasonFor(token)).toBe('wrong_type');
    },
  );

  it('refuses a token without typ', async () => {
    const token = await signEs256Manually(
      { alg: 'ES256', kid: es256.signing.kid },
      wireClaims(),
      es256.signing.privateKey,
    );
    expect(await reasonFor(token)).toBe('wrong_type');
  });
});

describe('key lookup', () => {
  it('refuses an unknown kid', async () => {
    const token = await signRaw(
      wireClaims(),
      header({ kid: attacker.signing.kid }),
      attacker.signing.privateKey,
    );
    expect(await reasonFor(token)).toBe('unknown_kid');
  });

  it('refuses a missing or non-string kid', async () => {
    const withoutKid = await signEs256Manually(
      { alg: 'ES256', typ: 'at+jwt' },
      wireClaims(),
      es256.signing.privateKey,
    );
    expect(await reasonFor(withoutKid)).toBe('unknown_kid');

    const numericKid = await signEs256Manually(
      header({ kid: 1 }),
      wireClaims(),
      es256.signing.privateKey,
    );
    expect(await reasonFor(numericKid)).toBe('unknown_kid');
  });

  it('refuses a kid inherited from Object.prototype', async () => {
    const token = await signEs256Manually(
      header({ kid: 'constructor' }),
      wireClaims(),
      es256.signing.privateKey,
    );
    expect(await reasonFor(token)).toBe('unknown_kid');
  });
});

describe('signature', () => {
  it('refuses a valid signature by a different key under a known kid', async () => {
    const token = await signRaw(wireClaims(), header(), attacker.signing.privateKey);
    expect(await reasonFor(token)).toBe('bad_signature');
  });

  it('refuses a payload changed after signing', async () => {
    const token = await signRaw(wireClaims(), header(), es256.signing.privateKey);
    const [head, , signature] = token.split('.');
    const forged = `${head}.${segment(wireClaims({ sub: 'admin' }))}.${signature}`;
    expect(await reasonFor(forged)).toBe('bad_signature');
  });
});

describe('time (RFC 7519 §4.1.4–4.1.6)', () => {
  it('refuses an expired token, beyond the clock tolerance', async () => {
    const token = await signRaw(
      wireClaims({ exp: NOW_SECONDS - 6 }),
      header(),
      es256.signing.privateKey,
    );
    expect(await reasonFor(token)).toBe('expired');
  });

  it('allows a token just expired within the 5 s tolerance', async () => {
    const token = await signRaw(
      wireClaims({ exp: NOW_SECONDS - 4 }),
      header(),
      es256.signing.privateKey,
    );
    expect(await reasonFor(token)).toBe('accepted');
  });

  it('uses the time it is given, not the clock', async () => {
    const { token } = await signAccessToken({
      claims: personClaims(),
      key: es256.signing,
      now: NOW,
      ttlSeconds: 60,
    });
    expect(await reasonFor(token)).toBe('accepted');
    expect(await reasonFor(token, { now: new Date(NOW.getTime() + 66_000) })).toBe('expired');
  });

  it('refuses a token whose nbf is in the future', async () => {
    const token = await signRaw(
      wireClaims({ nbf: NOW_SECONDS + 60 }),
      header(),
      es256.signing.privateKey,
    );
    expect(await reasonFor(token)).toBe('not_yet_valid');
  });

  it('refuses a token issued in the future', async () => {
    const token = await signRaw(
      wireClaims({ iat: NOW_SECONDS + 60, nbf: NOW_SECONDS }),
      header(),
      es256.signing.privateKey,
    );
    expect(await reasonFor(token)).toBe('not_yet_valid');
  });
});

describe('claims', () => {
  it('refuses a wrong issuer', async () => {
    const token = await signRaw(
      wireClaims({ iss: 'https://evil.example' }),
      header(),
      es256.signing.privateKey,
    );
    expect(await reasonFor(token)).toBe('wrong_issuer');
  });

  it('refuses a wrong audience when one is required', async () => {
    const token = await signRaw(wireClaims({ aud: 'billing' }), header(), es256.signing.privateKey);
    expect(await reasonFor(token)).toBe('wrong_audience');
    expect(await reasonFor(token, { audience: ['billing', 'ledger'] })).toBe('accepted');
  });

  it.each(['sub', 'exp', 'iat', 'jti', 'client_id', 'type', 'iss'])(
    'refuses a token without %s',
    async (claim) => {
      const claims = wireClaims();
      delete claims[claim];
      const token = await signRaw(claims, header(), es256.signing.privateKey);
      expect(await reasonFor(token)).toBe('invalid_claims');
    },
  );

  it.each([
    ['type', 'admin'],
    ['type', 'Normal-User'],
    ['sub', ''],
    ['sub', 42],
    ['client_id', ['console']],
    ['scope', ['openid']],
    ['owner', { name: 'lerian' }],
    ['aud', [1]],
  ])('refuses %s = %j', async (claim, value) => {
    const token = await signRaw(wireClaims({ [claim]: value }), header(), es256.signing.privateKey);
    expect(await reasonFor(token, { audience: undefined })).toBe('invalid_claims');
  });
});
