import { describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from '../../../shared/http/app.js';
import { call } from '../support/call.js';

describe('unknown routes', () => {
  it('auth answers 404 in the compat shape with a stable code and a request id', async () => {
    const response = await call('auth', '/v1/does-not-exist');
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      code: 'AUT-0404',
      title: 'Not Found',
      message: expect.any(String),
    });
    expect(response.headers.get('X-Request-Id')).toMatch(/.+/);
  });

  it('identity answers 404 with its own prefix', async () => {
    const response = await call('identity', '/nope', { method: 'DELETE' });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ code: 'IDE-0404' });
  });

  it('an /oauth/* route answers in the RFC 6749 §5.2 shape', async () => {
    const response = await call('auth', '/oauth/nothing-here', { method: 'POST' });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      error: 'invalid_request',
      error_description: expect.any(String),
    });
  });
});

describe('request ids', () => {
  it('echoes a well-formed X-Request-Id from the caller', async () => {
    const response = await call('auth', '/health', { headers: { 'X-Request-Id': 'console-42' } });
    expect(response.headers.get('X-Request-Id')).toBe('console-42');
  });

  it('replaces a malformed X-Request-Id with a fresh one', async () => {
    const response = await call('auth', '/health', { headers: { 'X-Request-Id': 'a b\tc' } });
    expect(response.headers.get('X-Request-Id')).not.toBe('a b\tc');
    expect(response.headers.get('X-Request-Id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('body size limit', () => {
  it('refuses a body over the limit with 413 and a stable code, before any handler', async () => {
    const body = 'x'.repeat(MAX_BODY_BYTES + 1);
    const response = await call('identity', '/v1/users', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body,
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ code: 'IDE-0413' });
  });

  it('refuses an oversized /oauth/* body in the RFC shape', async () => {
    const response = await call('auth', '/oauth/introspect', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: `token=${'a'.repeat(MAX_BODY_BYTES + 10)}`,
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ error: 'invalid_request' });
  });
});
