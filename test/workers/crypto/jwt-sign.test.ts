import { decodeProtectedHeader, decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import { signAccessToken, signIdToken, verifyAccessToken } from '../../../shared/crypto/jwt';
import type { VerifyAccessTokenOptions } from '../../../shared/crypto/jwt';
import { SIGNING_ALGS } from '../../../shared/crypto/signing-keys';
import { ISSUER, makeKey, NOW, NOW_SECONDS, personClaims } from './fixtures';

describe.each(SIGNING_ALGS)('access tokens signed with %s (RFC 9068)', async (alg) => {
  const key = await makeKey(alg);
  const options: VerifyAccessTokenOptions = {
    keys: new Map([[key.signing.kid, key.verification]]),
    issuer: ISSUER,
    audience: 'ledger',
    now: NOW,
    allowedAlgs: SIGNING_ALGS,
  };

  it('carries the header {alg, kid, typ: at+jwt}', async () => {
    const { token } = await signAccessToken({
      claims: personClaims(),
      key: key.signing,
      now: NOW,
      ttlSeconds: 3600,
    });
    expect(decodeProtectedHeader(token)).toEqual({ alg, kid: key.signing.kid, typ: 'at+jwt' });
  });

  it('carries every SPEC §3.2 claim', async () => {
    const { token, claims } = await signAccessToken({
      claims: personClaims(),
      key: key.signing,
      now: NOW,
      ttlSeconds: 3600,
    });

    expect(decodeJwt(token)).toEqual(claims);
    expect(claims).toEqual({
      iss: ISSUER,
      sub: '0b9c7c52-3a0e-4f43-9f4e-1f7c7f6a2d11',
      aud: 'ledger',
      exp: NOW_SECONDS + 3600,
      iat: NOW_SECONDS,
      nbf: NOW_SECONDS,
      jti: expect.stringMatching(/^[0-9a-f-]{36}$/),
      client_id: 'console',
      azp: 'console',
      scope: 'openid profile',
      sid: 'sess-1',
      type: 'normal-user',
      owner: 'lerian',
      name: 'alice',
      displayName: 'Alice Example',
    });
  });

  it('verifies, returning the claims and header', async () => {
    const { token, claims } = await signAccessToken({
      claims: personClaims(),
      key: key.signing,
      now: NOW,
      ttlSeconds: 3600,
    });
    expect(await verifyAccessToken(token, options)).toEqual({
      ok: true,
      claims,
      header: { alg, kid: key.signing.kid, typ: 'at+jwt' },
    });
  });

  it('mints application tokens without a session or display name', async () => {
    const input = personClaims({ type: 'application', name: 'ledger-bot', clientId: 'app-1' });
    delete input.sessionId;
    delete input.displayName;
    const { token, claims } = await signAccessToken({
      claims: input,
      key: key.signing,
      now: NOW,
      ttlSeconds: 60,
    });

    expect(claims).not.toHaveProperty('sid');
    expect(claims).not.toHaveProperty('displayName');
    expect(claims).toMatchObject({ type: 'application', client_id: 'app-1', azp: 'app-1' });
    expect((await verifyAccessToken(token, options)).ok).toBe(true);
  });

  it('gives every token its own jti', async () => {
    const params = { claims: personClaims(), key: key.signing, now: NOW, ttlSeconds: 3600 };
    const first = await signAccessToken(params);
    const second = await signAccessToken(params);
    expect(first.claims.jti).not.toBe(second.claims.jti);
  });
});

describe('signAccessToken arguments', async () => {
  const key = await makeKey('ES256');

  it.each([0, -1, 1.5, Number.NaN])('refuses ttlSeconds %s', async (ttlSeconds) => {
    const params = { claims: personClaims(), key: key.signing, now: NOW, ttlSeconds };
    await expect(signAccessToken(params)).rejects.toThrow(RangeError);
  });

  it('refuses an invalid date', async () => {
    const params = { claims: personClaims(), key: key.signing, now: new Date('x'), ttlSeconds: 1 };
    await expect(signAccessToken(params)).rejects.toThrow(RangeError);
  });
});

describe('ID tokens (OpenID Connect Core §2)', async () => {
  const key = await makeKey('ES256');
  const authTime = new Date(NOW.getTime() - 30_000);

  it('are typ JWT, for the client, with the profile claims given', async () => {
    const { token, claims } = await signIdToken({
      claims: {
        issuer: ISSUER,
        subject: 'user-1',
        clientId: 'console',
        sessionId: 'sess-1',
        authTime,
        name: 'Alice Example',
        preferredUsername: 'alice',
        email: 'alice@example.test',
        emailVerified: true,
      },
      key: key.signing,
      now: NOW,
      ttlSeconds: 3600,
    });

    expect(decodeProtectedHeader(token)).toEqual({
      alg: 'ES256',
      kid: key.signing.kid,
      typ: 'JWT',
    });
    expect(decodeJwt(token)).toEqual(claims);
    expect(claims).toEqual({
      iss: ISSUER,
      sub: 'user-1',
      aud: 'console',
      exp: NOW_SECONDS + 3600,
      iat: NOW_SECONDS,
      auth_time: NOW_SECONDS - 30,
      sid: 'sess-1',
      name: 'Alice Example',
      preferred_username: 'alice',
      email: 'alice@example.test',
      email_verified: true,
    });
  });

  it('leave out claims that were not given', async () => {
    const { claims } = await signIdToken({
      claims: { issuer: ISSUER, subject: 'user-1', clientId: 'console' },
      key: key.signing,
      now: NOW,
      ttlSeconds: 3600,
    });
    expect(Object.keys(claims).sort()).toEqual(['aud', 'exp', 'iat', 'iss', 'sub']);
  });

  it('are not accepted as access tokens (RFC 9068 §4 typ check)', async () => {
    const { token } = await signIdToken({
      claims: { issuer: ISSUER, subject: 'user-1', clientId: 'console' },
      key: key.signing,
      now: NOW,
      ttlSeconds: 3600,
    });
    const result = await verifyAccessToken(token, {
      keys: new Map([[key.signing.kid, key.verification]]),
      issuer: ISSUER,
      now: NOW,
      allowedAlgs: ['ES256'],
    });
    expect(result).toEqual({ ok: false, reason: 'wrong_type' });
  });
});
