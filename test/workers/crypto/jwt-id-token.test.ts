import { beforeAll, describe, expect, it } from 'vitest';
import {
  signAccessToken,
  signIdToken,
  verifyAccessToken,
  verifyIdToken,
} from '../../../shared/crypto/jwt';
import type { IdTokenRejection, VerifyIdTokenOptions } from '../../../shared/crypto/jwt';
import { SIGNING_ALGS } from '../../../shared/crypto/signing-keys';
import {
  idWireClaims,
  ISSUER,
  makeKey,
  NOW,
  NOW_SECONDS,
  personClaims,
  segment,
  signEs256Manually,
  signRaw,
} from './fixtures';
import type { TestKey } from './fixtures';

let es256: TestKey;
let attacker: TestKey;
let options: VerifyIdTokenOptions;

beforeAll(async () => {
  es256 = await makeKey('ES256');
  attacker = await makeKey('ES256');
  options = {
    keys: new Map([[es256.signing.kid, es256.verification]]),
    issuer: ISSUER,
    audience: 'console',
    now: NOW,
    allowedAlgs: ['ES256', 'RS256', 'EdDSA'],
  };
});

/** A correct ID-token header for the ES256 test key, with overrides. */
function header(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { alg: 'ES256', kid: es256.signing.kid, typ: 'JWT', ...overrides };
}

/** An ID token minted by `signIdToken` for client `console` at NOW. */
async function mintIdToken(ttlSeconds = 3600): Promise<string> {
  const claims = { issuer: ISSUER, subject: 'user-1', clientId: 'console', sessionId: 'sess-1' };
  const { token } = await signIdToken({ claims, key: es256.signing, now: NOW, ttlSeconds });
  return token;
}

/** A hint that expired an hour before NOW, as an RP may send it at logout. */
async function expiredHint(overrides: Record<string, unknown> = {}): Promise<string> {
  const claims = idWireClaims({ iat: NOW_SECONDS - 7200, exp: NOW_SECONDS - 3600, ...overrides });
  return signRaw(claims, header(), es256.signing.privateKey);
}

async function reasonFor(
  token: string,
  overrides: Partial<VerifyIdTokenOptions> = {},
): Promise<IdTokenRejection | 'accepted'> {
  const result = await verifyIdToken(token, { ...options, ...overrides });
  return result.ok ? 'accepted' : result.reason;
}

describe.each(SIGNING_ALGS)('an ID token signed with %s by signIdToken', async (alg) => {
  const key = await makeKey(alg);

  it('verifies, returning its claims and header', async () => {
    const { token, claims } = await signIdToken({
      claims: { issuer: ISSUER, subject: 'user-1', clientId: 'console', email: 'a@example.test' },
      key: key.signing,
      now: NOW,
      ttlSeconds: 600,
    });
    const keys = new Map([[key.signing.kid, key.verification]]);
    expect(await verifyIdToken(token, { ...options, keys })).toEqual({
      ok: true,
      claims,
      header: { alg, kid: key.signing.kid, typ: 'JWT' },
    });
  });
});

describe('type (RFC 8725 §3.11: one kind of token is never taken for another)', () => {
  it.each(['JWT', 'jwt', 'application/jwt', 'Application/JWT'])('accepts typ %s', async (typ) => {
    const token = await signRaw(idWireClaims(), header({ typ }), es256.signing.privateKey);
    expect(await reasonFor(token)).toBe('accepted');
  });

  it('accepts a token without typ, and reports none', async () => {
    const token = await signRaw(
      idWireClaims(),
      header({ typ: undefined }),
      es256.signing.privateKey,
    );
    const result = await verifyIdToken(token, options);
    expect(result).toMatchObject({ ok: true, header: { alg: 'ES256', kid: es256.signing.kid } });
    expect(result.ok && result.header).not.toHaveProperty('typ');
  });

  it.each([['at+jwt'], ['application/at+jwt'], ['AT+JWT'], ['logout+jwt'], ['JWS'], [42], [null]])(
    'refuses typ %j',
    async (typ) => {
      const token = await signEs256Manually(
        header({ typ }),
        idWireClaims(),
        es256.signing.privateKey,
      );
      expect(await reasonFor(token)).toBe('wrong_type');
    },
  );

  it('refuses an access token, even one whose claims would pass', async () => {
    const { token } = await signAccessToken({
      claims: personClaims({ audience: 'console' }),
      key: es256.signing,
      now: NOW,
      ttlSeconds: 3600,
    });
    expect(await reasonFor(token)).toBe('wrong_type');
    expect(await reasonFor(token, { audience: undefined, allowExpired: true })).toBe('wrong_type');
  });

  it('is refused by verifyAccessToken in turn', async () => {
    const result = await verifyAccessToken(await mintIdToken(), {
      ...options,
      audience: undefined,
    });
    expect(result).toEqual({ ok: false, reason: 'wrong_type' });
  });
});

describe('expiry (OpenID RP-Initiated Logout 1.0 §2)', () => {
  it('refuses an expired token by default', async () => {
    expect(await reasonFor(await expiredHint())).toBe('expired');
    expect(await reasonFor(await expiredHint(), { allowExpired: false })).toBe('expired');
  });

  it('accepts an expired token as a hint only with allowExpired', async () => {
    const result = await verifyIdToken(await expiredHint(), { ...options, allowExpired: true });
    expect(result).toMatchObject({
      ok: true,
      claims: { sub: 'user-1', aud: 'console', sid: 'sess-1', exp: NOW_SECONDS - 3600 },
    });
  });

  it('uses the time it is given, not the clock', async () => {
    const token = await mintIdToken(60);
    const later = new Date(NOW.getTime() + 66_000);
    expect(await reasonFor(token)).toBe('accepted');
    expect(await reasonFor(token, { now: later })).toBe('expired');
    expect(await reasonFor(token, { now: later, allowExpired: true })).toBe('accepted');
  });

  // allowExpired relies on jose checking exp after everything else; these pin that order.
  it('still checks the signature of an expired token', async () => {
    const claims = idWireClaims({ iat: NOW_SECONDS - 7200, exp: NOW_SECONDS - 3600 });
    const token = await signRaw(claims, header(), attacker.signing.privateKey);
    expect(await reasonFor(token, { allowExpired: true })).toBe('bad_signature');
  });

  it.each([
    ['issuer', { iss: 'https://evil.example' }, 'wrong_issuer'],
    ['audience', { aud: 'other-client' }, 'wrong_audience'],
    ['nbf', { nbf: NOW_SECONDS + 60 }, 'not_yet_valid'],
    ['exp type', { exp: 'yesterday' }, 'invalid_claims'],
    ['subject', { sub: undefined }, 'invalid_claims'],
  ])('still checks the %s of an expired token', async (_label, overrides, reason) => {
    expect(await reasonFor(await expiredHint(overrides), { allowExpired: true })).toBe(reason);
  });
});

describe('issuer and audience (OpenID Connect Core §3.1.3.7)', () => {
  it('refuses a wrong issuer', async () => {
    const claims = idWireClaims({ iss: 'https://evil.example' });
    const token = await signRaw(claims, header(), es256.signing.privateKey);
    expect(await reasonFor(token)).toBe('wrong_issuer');
  });

  it('refuses a token issued to another client', async () => {
    const token = await signRaw(idWireClaims(), header(), es256.signing.privateKey);
    expect(await reasonFor(token, { audience: 'other-client' })).toBe('wrong_audience');
  });

  it('accepts any one client when no audience is required', async () => {
    const token = await signRaw(idWireClaims({ aud: 'other' }), header(), es256.signing.privateKey);
    expect(await reasonFor(token, { audience: undefined })).toBe('accepted');
  });
});

describe('hardening shared with access tokens', () => {
  it('refuses alg none', async () => {
    const token = `${segment(header({ alg: 'none' }))}.${segment(idWireClaims())}.c2ln`;
    expect(await reasonFor(token)).toBe('alg_not_allowed');
    expect(await reasonFor(`${segment(header({ alg: 'none' }))}.${segment(idWireClaims())}.`)).toBe(
      'malformed',
    );
  });

  it('refuses an unknown kid', async () => {
    const token = await signRaw(
      idWireClaims(),
      header({ kid: attacker.signing.kid }),
      attacker.signing.privateKey,
    );
    expect(await reasonFor(token)).toBe('unknown_kid');
  });

  it('refuses an embedded jwk, even one that verifies the signature', async () => {
    const jwk = attacker.generated.publicJwk;
    const token = await signEs256Manually(
      header({ jwk }),
      idWireClaims(),
      attacker.signing.privateKey,
    );
    expect(await reasonFor(token)).toBe('embedded_key');
  });

  it('refuses any crit header', async () => {
    const token = await signEs256Manually(
      header({ crit: ['exp'] }),
      idWireClaims(),
      es256.signing.privateKey,
    );
    expect(await reasonFor(token)).toBe('unsupported_header');
  });

  it('never throws, whatever it is given', async () => {
    const inputs: unknown[] = [undefined, null, 42, {}, 'a.b.c', 'x'.repeat(100 * 1024)];
    for (const input of inputs) {
      const result = await verifyIdToken(input as string, options);
      expect(result.ok).toBe(false);
    }
  });
});

describe('claims (OpenID Connect Core §2)', () => {
  it.each(['iss', 'sub', 'aud', 'exp', 'iat'])('refuses a token without %s', async (claim) => {
    const claims = idWireClaims();
    delete claims[claim];
    const token = await signRaw(claims, header(), es256.signing.privateKey);
    expect(await reasonFor(token, { audience: undefined })).toBe('invalid_claims');
  });

  it.each([
    ['aud', ['console']],
    ['sub', ''],
    ['auth_time', 'recently'],
    ['nonce', 42],
    ['email_verified', 'true'],
  ])('refuses %s = %j', async (claim, value) => {
    const claims = idWireClaims({ [claim]: value });
    const token = await signRaw(claims, header(), es256.signing.privateKey);
    expect(await reasonFor(token)).toBe('invalid_claims');
  });

  it('refuses a token issued in the future', async () => {
    const claims = idWireClaims({ iat: NOW_SECONDS + 60 });
    const token = await signRaw(claims, header(), es256.signing.privateKey);
    expect(await reasonFor(token)).toBe('not_yet_valid');
  });
});
