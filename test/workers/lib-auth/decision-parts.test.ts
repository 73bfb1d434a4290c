import { describe, expect, it } from 'vitest';
import { permits } from '../../../shared/lib-auth/permissions.js';
import { refusalResponse } from '../../../shared/lib-auth/responses.js';
import { decisionSubject } from '../../../shared/lib-auth/subject.js';
import { readToken, readUnverifiedClaims } from '../../../shared/lib-auth/token.js';

const part = (value: unknown) => btoa(JSON.stringify(value)).replace(/=+$/, '');
const unsignedToken = (claims: unknown) => `${part({ alg: 'ES256' })}.${part(claims)}.c2ln`;

describe('reading the Authorization header (COMPAT.md: with or without Bearer)', () => {
  const token = unsignedToken({ sub: 'u' });

  it('takes `Bearer <token>` in any case, and the bare token', () => {
    expect(readToken(`Bearer ${token}`)).toEqual({ ok: true, token });
    expect(readToken(`bearer   ${token} `)).toEqual({ ok: true, token });
    expect(readToken(token)).toEqual({ ok: true, token });
  });

  it('calls an absent or empty header missing', () => {
    for (const header of [undefined, null, '', '  ', 'Bearer', 'Bearer  ']) {
      expect(readToken(header)).toEqual({ ok: false, reason: 'token_missing' });
    }
  });

  it('calls anything but a bounded three-part JWS malformed', () => {
    for (const header of [
      'Basic dXNlcjpwdw==',
      'Bearer a.b',
      'a.b.c.d.e',
      `x.${'y'.repeat(9000)}.z`,
    ]) {
      expect(readToken(header)).toEqual({ ok: false, reason: 'token_malformed' });
    }
  });

  it('decodes type, owner and sub without verifying, and nothing from a non-JSON payload', () => {
    const claims = { sub: 'u-1', type: 'normal-user', owner: 'lerian', extra: 1 };
    expect(readUnverifiedClaims(unsignedToken(claims))).toEqual({
      sub: 'u-1',
      type: 'normal-user',
      owner: 'lerian',
    });
    expect(readUnverifiedClaims('a.bm90IGpzb24.c')).toBeUndefined();
    expect(readUnverifiedClaims(unsignedToken({ sub: 42 }))).toBeUndefined();
  });
});

describe('the subject sent to /v1/authorize (COMPAT.md)', () => {
  it('is "<owner>/<sub>" for a person', () => {
    const claims = { type: 'normal-user', owner: 'lerian', sub: 'u-1' };
    expect(decisionSubject(claims, 'midaz')).toEqual({ ok: true, sub: 'lerian/u-1' });
  });

  it('is the legacy "admin/<product>-editor-role" for an application or an untyped token', () => {
    const legacy = { ok: true, sub: 'admin/midaz-editor-role' };
    expect(decisionSubject({ type: 'application', owner: 'lerian', sub: 'a-1' }, 'midaz')).toEqual(
      legacy,
    );
    expect(decisionSubject({ sub: 'a-1' }, 'midaz')).toEqual(legacy);
  });

  it('names nobody for a person without sub or owner (refused locally)', () => {
    expect(decisionSubject({ type: 'normal-user', owner: 'lerian' }, 'midaz')).toEqual({
      ok: false,
    });
    expect(decisionSubject({ type: 'normal-user', sub: 'u-1' }, 'midaz')).toEqual({ ok: false });
  });
});

describe('reading a permission map (offline mode)', () => {
  it('grants listed actions only', () => {
    const map = { accounts: ['get', 'head'] };
    expect(permits(map, 'accounts', 'get')).toBe(true);
    expect(permits(map, 'accounts', 'post')).toBe(false);
    expect(permits(map, 'organizations', 'get')).toBe(false);
  });

  it('lets `*` stand for any resource or any action', () => {
    expect(permits({ '*': ['get'] }, 'organizations', 'get')).toBe(true);
    expect(permits({ '*': ['get'] }, 'organizations', 'post')).toBe(false);
    expect(permits({ accounts: ['*'] }, 'accounts', 'delete')).toBe(true);
  });

  it('never reads inherited properties as grants', () => {
    expect(permits({}, 'constructor', 'get')).toBe(false);
    expect(permits({}, '__proto__', 'get')).toBe(false);
  });
});

describe('refusals on the wire', () => {
  it('uses stable compat codes and keeps the reason out of the body', () => {
    const missing = refusalResponse({ outcome: 'unauthenticated', reason: 'token_missing' });
    expect(missing).toMatchObject({ status: 401, body: { code: 'AUT-0006' } });
    const invalid = refusalResponse({ outcome: 'unauthenticated', reason: 'token_rejected' });
    expect(invalid).toMatchObject({ status: 401, body: { code: 'AUT-0007' } });
    const denied = refusalResponse({ outcome: 'deny', reason: 'policy_denied' });
    expect(denied).toMatchObject({ status: 403, body: { code: 'AUT-0403' } });
    const down = refusalResponse({ outcome: 'unavailable', reason: 'auth_timeout' });
    expect(down).toMatchObject({ status: 503, body: { code: 'AUT-0503' } });
    expect(JSON.stringify([missing, invalid, denied, down])).not.toMatch(/token_|policy|timeout/);
  });
});
