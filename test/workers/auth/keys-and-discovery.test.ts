import { env } from 'cloudflare:workers';
import { decodeProtectedHeader } from 'jose';
import { describe, expect, it } from 'vitest';
import { getKeyRing, KEY_RING_TTL_MS } from '../../../shared/auth/key-ring.js';
import { importKeyEncryptionKey } from '../../../shared/crypto/key-wrap.js';
import { signingKeys } from '../../../shared/db/schema.js';
import { rotateKeys } from '../../../shared/store/signing-keys.js';
import { AuthClient, introspect, signInAsAdmin } from '../support/auth-client.js';
import { call } from '../support/call.js';
import { withDb } from '../support/fixtures.js';

type Jwks = { keys: { kid: string; alg: string; d?: string }[] };
const jwks = async () => (await call('auth', '/.well-known/jwks.json')).json<Jwks>();

describe('JWKS', () => {
  it('publishes public keys only, cacheably, with the signing key among them', async () => {
    const tokens = await signInAsAdmin();
    const response = await call('auth', '/.well-known/jwks.json');
    expect(response.headers.get('Cache-Control')).toMatch(/^public, max-age=\d+$/);
    const { keys } = await response.json<Jwks>();
    expect(keys.length).toBeGreaterThanOrEqual(2);
    expect(keys.every((key) => key.d === undefined)).toBe(true);
    expect(keys.map((key) => key.kid)).toContain(decodeProtectedHeader(tokens.accessToken).kid);
  });

  it('stores private keys encrypted, never in clear', async () => {
    const rows = await withDb((db) => db.select().from(signingKeys));
    for (const row of rows) {
      expect(row.privateJwkEncrypted).toMatch(/^v1\./);
      expect(row.privateJwkEncrypted).not.toContain('"d"');
    }
  });
});

describe('key rotation', () => {
  it('switches to the pre-published key and keeps the old one published for its tokens', async () => {
    const before = await signInAsAdmin();
    const oldKid = decodeProtectedHeader(before.accessToken).kid;
    const published = (await jwks()).keys.map((key) => key.kid);

    const kek = await importKeyEncryptionKey(env.KEY_ENCRYPTION_KEY ?? '');
    const result = await withDb((db) => rotateKeys(db, kek, 'ES256', new Date(), 3900));
    expect(published).toContain(result.activated);

    // Isolates pick the rotation up within the key-ring TTL; jump past it.
    const later = Date.now() + KEY_RING_TTL_MS + 1;
    const ring = await withDb((db) =>
      getKeyRing({ db: () => db, keyEncryptionKey: env.KEY_ENCRYPTION_KEY, alg: 'ES256' }, later),
    );
    expect(ring.signing?.kid).toBe(result.activated);

    const after = await signInAsAdmin();
    expect(decodeProtectedHeader(after.accessToken).kid).toBe(result.activated);
    const kids = (await jwks()).keys.map((key) => key.kid);
    expect(kids).toContain(oldKid);
    expect(kids).toContain(result.published);
    expect(await introspect(new AuthClient(), before.accessToken)).toMatchObject({ active: true });
  });
});

describe('discovery', () => {
  for (const path of [
    '/.well-known/openid-configuration',
    '/.well-known/oauth-authorization-server',
  ]) {
    it(`${path} lists exactly what is implemented`, async () => {
      const body = await (await call('auth', path)).json<Record<string, unknown>>();
      expect(body).toMatchObject({
        issuer: env.ISSUER,
        token_endpoint: `${env.ISSUER}/oauth/token`,
        jwks_uri: `${env.ISSUER}/.well-known/jwks.json`,
        introspection_endpoint: `${env.ISSUER}/oauth/introspect`,
        revocation_endpoint: `${env.ISSUER}/oauth/revoke`,
        grant_types_supported: ['password', 'client_credentials', 'refresh_token'],
        token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
      });
      expect(body.authorization_endpoint).toBeUndefined();
    });
  }
});
