import { decodeJwt, decodeProtectedHeader, generateKeyPair, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { authFetch, switchable } from './support/auth-fetch.js';
import { callLedger, createOrganization, guardedLedger } from './support/ledger.js';
import {
  applicationWith,
  midaz,
  personIn,
  personWith,
  revokeSession,
} from './support/principals.js';

const offline = { PLUGIN_AUTH_MODE: 'offline' } as const;

const ACCOUNTS = (organizationId: string) =>
  `/v1/organizations/${organizationId}/ledgers/${crypto.randomUUID()}/accounts`;

/** The claims of `token`, signed again with a key auth never published. */
async function resignedWithForeignKey(token: string, alg: 'ES256' | 'HS256' = 'ES256') {
  const claims = decodeJwt(token);
  const { kid } = decodeProtectedHeader(token);
  const key =
    alg === 'ES256'
      ? (await generateKeyPair('ES256')).privateKey
      : crypto.getRandomValues(new Uint8Array(32));
  return new SignJWT(claims)
    .setProtectedHeader({ alg, typ: 'at+jwt', kid: alg === 'ES256' ? 'forged-kid' : kid })
    .sign(key);
}

describe('offline mode: decisions from the verified token and its permission map', () => {
  it('a viewer may read but not create; an editor may create', async () => {
    const ledger = guardedLedger(offline);
    const viewer = await personIn('midaz-viewer-group');
    const editor = await personIn('midaz-editor-group');

    const token = viewer.tokens.accessToken;
    expect((await callLedger(ledger, 'GET', '/v1/organizations', token)).status).toBe(200);
    const denied = await callLedger(ledger, 'POST', '/v1/organizations', token, {
      legalName: 'No',
    });
    expect(denied.status).toBe(403);
    expect(await denied.json()).toMatchObject({ code: 'AUT-0403' });

    await createOrganization(ledger, editor.tokens.accessToken);
    expect(ledger.auth.count('/v1/authorize')).toBe(0);
  });

  it('a wildcard resource in a custom role grants every resource of the product', async () => {
    const ledger = guardedLedger(offline);
    const reader = await personWith(midaz('*', 'get'));
    const editor = await personIn('midaz-editor-group');
    const organizationId = await createOrganization(ledger, editor.tokens.accessToken);

    const token = reader.tokens.accessToken;
    expect((await callLedger(ledger, 'GET', ACCOUNTS(organizationId), token)).status).toBe(200);
    const post = await callLedger(ledger, 'POST', ACCOUNTS(organizationId), token, {
      name: 'Cash',
      assetCode: 'BRL',
    });
    expect(post.status).toBe(403);
  });

  it('an application holding midaz-editor-role may write', async () => {
    const ledger = guardedLedger(offline);
    const app = await applicationWith('midaz-editor-role');
    await createOrganization(ledger, app.accessToken);
  });
});

describe('offline mode: what is cached', () => {
  it('fetches the JWKS once, and each token’s permission map once per product', async () => {
    const ledger = guardedLedger(offline);
    const viewer = await personIn('midaz-viewer-group');
    const editor = await personIn('midaz-editor-group');

    for (const token of [viewer.tokens.accessToken, editor.tokens.accessToken]) {
      await callLedger(ledger, 'GET', '/v1/organizations', token);
      await callLedger(ledger, 'GET', '/v1/organizations', token);
      await callLedger(ledger, 'POST', '/v1/organizations', token, { legalName: 'Org' });
    }
    expect(ledger.auth.count('/.well-known/jwks.json')).toBe(1);
    expect(ledger.auth.count('/v1/permissions')).toBe(2);
  });

  it('keeps answering from its caches while auth is down, until the bound runs out', async () => {
    const auth = switchable(authFetch());
    const ledger = guardedLedger(
      { ...offline, PLUGIN_AUTH_OFFLINE_MAX_STALENESS_SECONDS: '10' },
      { auth },
    );
    const viewer = await personIn('midaz-viewer-group');
    const token = viewer.tokens.accessToken;
    expect((await callLedger(ledger, 'GET', '/v1/organizations', token)).status).toBe(200);

    auth.down = true;
    ledger.clock.advance(9_999);
    expect((await callLedger(ledger, 'GET', '/v1/organizations', token)).status).toBe(200);
    ledger.clock.advance(1);
    expect((await callLedger(ledger, 'GET', '/v1/organizations', token)).status).toBe(503);
  });
});

describe('offline mode: the revocation bound (PLUGIN_AUTH_OFFLINE_MAX_STALENESS_SECONDS)', () => {
  it('a revoked session passes within the bound and is refused once it has passed', async () => {
    const ledger = guardedLedger({ ...offline, PLUGIN_AUTH_OFFLINE_MAX_STALENESS_SECONDS: '1' });
    const viewer = await personIn('midaz-viewer-group');
    const token = viewer.tokens.accessToken;
    expect((await callLedger(ledger, 'GET', '/v1/organizations', token)).status).toBe(200);

    await revokeSession(viewer);
    ledger.clock.advance(999);
    expect((await callLedger(ledger, 'GET', '/v1/organizations', token)).status).toBe(200);
    ledger.clock.advance(1);
    const refused = await callLedger(ledger, 'GET', '/v1/organizations', token);
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ code: 'AUT-0007' });
  });

  it('with a bound of 0, a revoked session is refused at once', async () => {
    const ledger = guardedLedger({ ...offline, PLUGIN_AUTH_OFFLINE_MAX_STALENESS_SECONDS: '0' });
    const viewer = await personIn('midaz-viewer-group');
    const token = viewer.tokens.accessToken;
    expect((await callLedger(ledger, 'GET', '/v1/organizations', token)).status).toBe(200);

    await revokeSession(viewer);
    expect((await callLedger(ledger, 'GET', '/v1/organizations', token)).status).toBe(401);
  });
});

describe('offline mode: local verification (RFC 9068 §4)', () => {
  it('a token whose payload was changed is refused before any permission fetch', async () => {
    const ledger = guardedLedger(offline);
    const viewer = await personIn('midaz-viewer-group');
    const [header, , signature] = viewer.tokens.accessToken.split('.');
    const payload = btoa(JSON.stringify({ ...decodeJwt(viewer.tokens.accessToken), sub: 'x' }))
      .replace(/\+/g, '-')
      .replace(/\//g, '_')
      .replace(/=+$/, '');
    const response = await callLedger(
      ledger,
      'GET',
      '/v1/organizations',
      `${header}.${payload}.${signature}`,
    );
    expect(response.status).toBe(401);
    expect(ledger.auth.count('/v1/permissions')).toBe(0);
  });

  it('an ID token signed by auth is refused as an access token (typ, RFC 9068 §2.1)', async () => {
    const ledger = guardedLedger(offline);
    const viewer = await personIn('midaz-viewer-group');
    const idToken = viewer.tokens.idToken ?? '';
    expect(idToken).not.toBe('');
    expect((await callLedger(ledger, 'GET', '/v1/organizations', idToken)).status).toBe(401);
  });

  it('an HS256 token is refused whatever its kid (alg allow-list)', async () => {
    const ledger = guardedLedger(offline);
    const viewer = await personIn('midaz-viewer-group');
    const forged = await resignedWithForeignKey(viewer.tokens.accessToken, 'HS256');
    expect((await callLedger(ledger, 'GET', '/v1/organizations', forged)).status).toBe(401);
  });

  it('an unknown kid refetches the JWKS at most once every 5 s', async () => {
    const ledger = guardedLedger(offline);
    const viewer = await personIn('midaz-viewer-group');
    const forged = await resignedWithForeignKey(viewer.tokens.accessToken);

    expect((await callLedger(ledger, 'GET', '/v1/organizations', forged)).status).toBe(401);
    expect((await callLedger(ledger, 'GET', '/v1/organizations', forged)).status).toBe(401);
    expect(ledger.auth.count('/.well-known/jwks.json')).toBe(1);

    ledger.clock.advance(5_000);
    expect((await callLedger(ledger, 'GET', '/v1/organizations', forged)).status).toBe(401);
    expect((await callLedger(ledger, 'GET', '/v1/organizations', forged)).status).toBe(401);
    expect(ledger.auth.count('/.well-known/jwks.json')).toBe(2);
    expect(ledger.auth.count('/v1/permissions')).toBe(0);
  });

  it('an expired token is refused locally', async () => {
    const ledger = guardedLedger(offline);
    const viewer = await personIn('midaz-viewer-group');
    const token = viewer.tokens.accessToken;
    expect((await callLedger(ledger, 'GET', '/v1/organizations', token)).status).toBe(200);

    const { exp = 0 } = decodeJwt(token);
    ledger.clock.advance(exp * 1000 - ledger.clock.now() + 10_000);
    expect((await callLedger(ledger, 'GET', '/v1/organizations', token)).status).toBe(401);
  });

  it('checks iss and aud when configured', async () => {
    const viewer = await personIn('midaz-viewer-group');
    const token = viewer.tokens.accessToken;
    const status = async (vars: Record<string, string>) => {
      const ledger = guardedLedger({ ...offline, ...vars });
      return (await callLedger(ledger, 'GET', '/v1/organizations', token)).status;
    };

    const issuer = 'http://127.0.0.1:4000';
    expect(await status({ PLUGIN_AUTH_ISSUER: issuer, PLUGIN_AUTH_AUDIENCE: 'ledger' })).toBe(200);
    expect(await status({ PLUGIN_AUTH_AUDIENCE: 'elsewhere' })).toBe(401);
    expect(await status({ PLUGIN_AUTH_ISSUER: 'https://auth.example' })).toBe(401);
  });
});
