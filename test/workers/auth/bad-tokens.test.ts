import { env } from 'cloudflare:workers';
import { base64url, decodeProtectedHeader, SignJWT, exportJWK, generateKeyPair } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { AuthClient, introspect, signInAsAdmin } from '../support/auth-client.js';
import { call } from '../support/call.js';

const encode = (value: unknown) => base64url.encode(JSON.stringify(value));

let genuine: string;
let claims: Record<string, unknown>;

beforeAll(async () => {
  genuine = (await signInAsAdmin()).accessToken;
  const [, payload] = genuine.split('.');
  claims = JSON.parse(new TextDecoder().decode(base64url.decode(payload ?? '')));
});

/** Forged tokens that carry the genuine token's claims, so only the forgery can fail them. */
async function forgeries(): Promise<Record<string, string>> {
  const { kid } = decodeProtectedHeader(genuine);
  const jwks = await (
    await call('auth', '/.well-known/jwks.json')
  ).json<{ keys: { kid: string }[] }>();
  const published = jwks.keys.find((key) => key.kid === kid);
  const attacker = await generateKeyPair('ES256', { extractable: true });
  const attackerJwk = await exportJWK(attacker.publicKey);

  const none = `${encode({ alg: 'none', typ: 'at+jwt', kid })}.${encode(claims)}.`;
  const hs256 = await new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt', kid })
    .sign(new TextEncoder().encode(JSON.stringify(published)));
  const unknownKid = await new SignJWT(claims)
    .setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', kid: 'not-a-key-we-know' })
    .sign(attacker.privateKey);
  const embeddedJwk = await new SignJWT(claims)
    .setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', jwk: attackerJwk })
    .sign(attacker.privateKey);
  const knownKidWrongKey = await new SignJWT(claims)
    .setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', kid })
    .sign(attacker.privateKey);
  return { none, hs256, unknownKid, embeddedJwk, knownKidWrongKey };
}

describe('forged access tokens are refused (SPEC §3.2)', () => {
  it('the genuine token is accepted by both, so the refusals below mean something', async () => {
    expect(await introspect(new AuthClient(), genuine)).toMatchObject({ active: true });
    const response = await call('auth', '/v1/userinfo', {
      headers: { Authorization: `Bearer ${genuine}` },
    });
    expect(response.status).toBe(200);
  });

  for (const name of ['none', 'hs256', 'unknownKid', 'embeddedJwk', 'knownKidWrongKey']) {
    it(`${name}: introspection inactive, userinfo 401`, async () => {
      const token = (await forgeries())[name] ?? '';
      expect(await introspect(new AuthClient(), token)).toEqual({ active: false });
      const response = await call('auth', '/v1/userinfo', {
        headers: { Authorization: `Bearer ${token}` },
      });
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ code: 'AUT-0007' });
    });
  }
});

describe('malformed Bearer values are 401, never 500', () => {
  const cases: Record<string, string> = {
    'nothing after Bearer': 'Bearer ',
    'just the scheme': 'Bearer',
    '100 KB': `Bearer ${'a'.repeat(100 * 1024)}`,
    'two dots': 'Bearer a.b',
    'five dots': 'Bearer a.b.c.d.e.f',
    'JWE-shaped': 'Bearer a.b.c.d.e',
    'garbage segments': 'Bearer !!!.@@@.###',
  };
  for (const [name, header] of Object.entries(cases)) {
    it(name, async () => {
      const response = await call('auth', '/v1/userinfo', { headers: { Authorization: header } });
      expect(response.status).toBe(401);
    });
  }

  it('no Authorization header at all → 401 AUT-0006', async () => {
    const response = await call('auth', '/v1/userinfo');
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ code: 'AUT-0006' });
  });

  it('the issuer in tests is the configured one', () => {
    expect(claims.iss).toBe(env.ISSUER);
  });
});
