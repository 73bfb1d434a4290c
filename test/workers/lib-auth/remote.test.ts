import { describe, expect, it } from 'vitest';
import { requestDecision } from '../../../shared/lib-auth/index.js';
import { authFetch } from './support/auth-fetch.js';
import { AUTH_ADDRESS, callLedger, createOrganization, guardedLedger } from './support/ledger.js';
import {
  applicationWith,
  midaz,
  personIn,
  personWith,
  revokeSession,
} from './support/principals.js';

const ACCOUNTS = (organizationId: string) =>
  `/v1/organizations/${organizationId}/ledgers/${crypto.randomUUID()}/accounts`;

const account = { name: 'Cash', assetCode: 'BRL' };

describe('remote mode: seeded roles through POST /v1/authorize', () => {
  it('a viewer may read organizations and accounts but not create them', async () => {
    const ledger = guardedLedger();
    const editor = await personIn('midaz-editor-group');
    const viewer = await personIn('midaz-viewer-group');
    const organizationId = await createOrganization(ledger, editor.tokens.accessToken);
    const token = viewer.tokens.accessToken;

    expect((await callLedger(ledger, 'GET', '/v1/organizations', token)).status).toBe(200);
    expect((await callLedger(ledger, 'GET', ACCOUNTS(organizationId), token)).status).toBe(200);

    const denied = await callLedger(ledger, 'POST', '/v1/organizations', token, {
      legalName: 'No',
    });
    expect(denied.status).toBe(403);
    expect(await denied.json()).toEqual({
      code: 'AUT-0403',
      title: 'Forbidden',
      message: 'The token does not grant this operation.',
    });
    const post = await callLedger(ledger, 'POST', ACCOUNTS(organizationId), token, account);
    expect(post.status).toBe(403);
  });

  it('an editor may read, create and delete', async () => {
    const ledger = guardedLedger();
    const editor = await personIn('midaz-editor-group');
    const token = editor.tokens.accessToken;

    const organizationId = await createOrganization(ledger, token);
    const created = await callLedger(ledger, 'POST', ACCOUNTS(organizationId), token, account);
    expect(created.status).toBe(201);
    expect((await callLedger(ledger, 'GET', '/v1/organizations', token)).status).toBe(200);
    const path = `/v1/organizations/${organizationId}`;
    expect((await callLedger(ledger, 'DELETE', path, token)).status).toBe(204);
  });

  it('a contributor may create but not delete', async () => {
    const ledger = guardedLedger();
    const contributor = await personIn('midaz-contributor-group');
    const token = contributor.tokens.accessToken;

    const organizationId = await createOrganization(ledger, token);
    const path = `/v1/organizations/${organizationId}`;
    expect((await callLedger(ledger, 'DELETE', path, token)).status).toBe(403);
  });

  it('a person in no group is refused everything (403)', async () => {
    const ledger = guardedLedger();
    const nobody = await personIn();
    const response = await callLedger(
      ledger,
      'GET',
      '/v1/organizations',
      nobody.tokens.accessToken,
    );
    expect(response.status).toBe(403);
  });

  it('a token sent without `Bearer` works as well (COMPAT.md)', async () => {
    const ledger = guardedLedger();
    const viewer = await personIn('midaz-viewer-group');
    const response = await ledger.app.request('/v1/organizations', {
      headers: { Authorization: viewer.tokens.accessToken },
    });
    expect(response.status).toBe(200);
  });
});

describe('remote mode: custom roles with wildcards', () => {
  it('{midaz, *, get} reads every resource and writes none', async () => {
    const ledger = guardedLedger();
    const reader = await personWith(midaz('*', 'get'));
    const editor = await personIn('midaz-editor-group');
    const organizationId = await createOrganization(ledger, editor.tokens.accessToken);
    const token = reader.tokens.accessToken;

    expect((await callLedger(ledger, 'GET', '/v1/organizations', token)).status).toBe(200);
    expect((await callLedger(ledger, 'GET', ACCOUNTS(organizationId), token)).status).toBe(200);
    const post = await callLedger(ledger, 'POST', ACCOUNTS(organizationId), token, account);
    expect(post.status).toBe(403);
  });

  it('{midaz, accounts, *} does anything to accounts and nothing else', async () => {
    const ledger = guardedLedger();
    const keeper = await personWith(midaz('accounts', '*'));
    const editor = await personIn('midaz-editor-group');
    const organizationId = await createOrganization(ledger, editor.tokens.accessToken);
    const token = keeper.tokens.accessToken;

    const post = await callLedger(ledger, 'POST', ACCOUNTS(organizationId), token, account);
    expect(post.status).toBe(201);
    expect((await callLedger(ledger, 'GET', '/v1/organizations', token)).status).toBe(403);
  });
});

describe('remote mode: the decision cache', () => {
  it('reuses a decision for one token and permission, and asks again for another', async () => {
    const ledger = guardedLedger();
    const viewer = await personIn('midaz-viewer-group');
    const token = viewer.tokens.accessToken;

    await callLedger(ledger, 'GET', '/v1/organizations', token);
    await callLedger(ledger, 'GET', '/v1/organizations', token);
    expect(ledger.auth.count('/v1/authorize')).toBe(1);

    await callLedger(ledger, 'POST', '/v1/organizations', token, { legalName: 'No' });
    await callLedger(ledger, 'POST', '/v1/organizations', token, { legalName: 'No' });
    expect(ledger.auth.count('/v1/authorize')).toBe(2);
  });

  it('keys decisions by token: another token of the same person asks again', async () => {
    const ledger = guardedLedger();
    const viewer = await personIn('midaz-viewer-group');
    const again = await viewer.auth.refresh(viewer.tokens.refreshToken ?? '');
    const second = (await again.json<{ accessToken: string }>()).accessToken;

    await callLedger(ledger, 'GET', '/v1/organizations', viewer.tokens.accessToken);
    await callLedger(ledger, 'GET', '/v1/organizations', second);
    expect(ledger.auth.count('/v1/authorize')).toBe(2);
  });
});

describe('remote mode: revocation', () => {
  it('with the decision cache off, a revoked session is refused at once', async () => {
    const ledger = guardedLedger({ PLUGIN_AUTH_DECISION_CACHE_SECONDS: '0' });
    const viewer = await personIn('midaz-viewer-group');
    const token = viewer.tokens.accessToken;
    expect((await callLedger(ledger, 'GET', '/v1/organizations', token)).status).toBe(200);

    await revokeSession(viewer);
    const response = await callLedger(ledger, 'GET', '/v1/organizations', token);
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ code: 'AUT-0007' });
  });

  it('with a 5 s decision cache, a revoked session passes for at most 5 s', async () => {
    const ledger = guardedLedger({ PLUGIN_AUTH_DECISION_CACHE_SECONDS: '5' });
    const viewer = await personIn('midaz-viewer-group');
    const token = viewer.tokens.accessToken;
    expect((await callLedger(ledger, 'GET', '/v1/organizations', token)).status).toBe(200);

    await revokeSession(viewer);
    ledger.clock.advance(4_999);
    expect((await callLedger(ledger, 'GET', '/v1/organizations', token)).status).toBe(200);
    ledger.clock.advance(1);
    expect((await callLedger(ledger, 'GET', '/v1/organizations', token)).status).toBe(401);
  });

  it('a revoked token is never cached as a refusal that outlives its answer', async () => {
    const ledger = guardedLedger();
    const viewer = await personIn('midaz-viewer-group');
    await revokeSession(viewer);
    const token = viewer.tokens.accessToken;
    expect((await callLedger(ledger, 'GET', '/v1/organizations', token)).status).toBe(401);
    expect((await callLedger(ledger, 'GET', '/v1/organizations', token)).status).toBe(401);
    expect(ledger.auth.count('/v1/authorize')).toBe(2);
  });
});

describe('remote mode: applications (the legacy "admin/<product>-editor-role" subject)', () => {
  it('an application holding midaz-editor-role may write', async () => {
    const ledger = guardedLedger();
    const app = await applicationWith('midaz-editor-role');
    const response = await callLedger(ledger, 'POST', '/v1/organizations', app.accessToken, {
      legalName: 'M2M Org',
    });
    expect(response.status).toBe(201);
  });

  it('an application without that role is refused: no blanket editor role', async () => {
    const ledger = guardedLedger();
    const app = await applicationWith();
    const response = await callLedger(ledger, 'GET', '/v1/organizations', app.accessToken);
    expect(response.status).toBe(403);
  });
});

describe('remote mode: a subject is always the token’s own (SPEC §3.4)', () => {
  const transport = () => ({ fetch: authFetch().fetch, address: AUTH_ADDRESS, timeoutMs: 5000 });
  const wanted = { product: 'midaz', resource: 'organizations', action: 'get' };

  it('an application token naming a person with the application’s id is not allowed', async () => {
    const app = await applicationWith('midaz-editor-role');
    const outcome = await requestDecision(transport(), app.accessToken, {
      sub: `lerian/${app.id}`,
      ...wanted,
    });
    expect(outcome.outcome).not.toBe('allow');
  });

  it('an application token re-typed as a person’s is refused (its signature breaks)', async () => {
    const ledger = guardedLedger();
    const app = await applicationWith('midaz-editor-role');
    const [header, payload, signature] = app.accessToken.split('.');
    const claims = JSON.parse(atob((payload ?? '').replace(/-/g, '+').replace(/_/g, '/')));
    const forgedPayload = btoa(JSON.stringify({ ...claims, type: 'normal-user' }))
      .replace(/\+/g, '-')
      .replace(/\//g, '_')
      .replace(/=+$/, '');
    const forged = `${header}.${forgedPayload}.${signature}`;
    const response = await callLedger(ledger, 'GET', '/v1/organizations', forged);
    expect(response.status).toBe(401);
  });

  it('a person cannot use the legacy application subject', async () => {
    const person = await personIn();
    const outcome = await requestDecision(transport(), person.tokens.accessToken, {
      sub: 'admin/midaz-editor-role',
      ...wanted,
    });
    expect(outcome).toEqual({ outcome: 'deny', reason: 'policy_denied' });
  });

  it('a viewer cannot borrow an editor’s subject', async () => {
    const viewer = await personIn('midaz-viewer-group');
    const editor = await personIn('midaz-editor-group');
    const outcome = await requestDecision(transport(), viewer.tokens.accessToken, {
      sub: `lerian/${editor.id}`,
      ...wanted,
      action: 'post',
    });
    expect(outcome).toEqual({ outcome: 'deny', reason: 'policy_denied' });
  });
});

describe('remote mode: auth’s own storage down', () => {
  it('is a 503 at the service, never a 403 or a pass', async () => {
    const person = await personIn('midaz-editor-group');
    const broken = authFetch({ DATABASE_WS_PROXY: '127.0.0.1:9' });
    const ledger = guardedLedger({}, { auth: broken });
    const response = await callLedger(
      ledger,
      'GET',
      '/v1/organizations',
      person.tokens.accessToken,
    );
    expect(response.status).toBe(503);
  });
});
