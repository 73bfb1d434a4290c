import { describe, expect, it } from 'vitest';
import { app } from '../../../functions/auth/index.js';
import { openApiDocument } from '../../../functions/auth/openapi/document.js';
import type { Operation } from '../../../shared/openapi/types.js';
import { call } from '../support/call.js';

/** `METHOD /path` of every route the Hono app answers (middleware-only entries left out). */
function appRoutes(): string[] {
  const routes = app.routes
    .filter((route) => route.method !== 'ALL')
    .map((route) => `${route.method} ${route.path.replace(/:(\w+)/g, '{$1}')}`);
  return [...new Set(routes)].sort();
}

function operations(): [string, Operation][] {
  return Object.entries(openApiDocument().paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]): [string, Operation] => [`${method} ${path}`, op]),
  );
}

function errorSchemas(op: Operation): unknown[] {
  return Object.entries(op.responses)
    .filter(([status]) => Number(status) >= 400)
    .map(([, response]) => response.content?.['application/json']?.schema);
}

describe('GET /openapi.json', () => {
  it('documents exactly the routes the app registers, no more and no fewer', () => {
    const documented = operations().map(([route]) => route.replace(/^\w+/, (m) => m.toUpperCase()));
    expect(documented.sort()).toEqual(appRoutes());
  });

  it('serves an OpenAPI 3.1 document without a token, cacheable for five minutes', async () => {
    const response = await call('auth', '/openapi.json');
    expect(response.status).toBe(200);
    expect(response.headers.get('Cache-Control')).toBe('public, max-age=300');
    const body = await response.json<{ openapi: string; paths: Record<string, unknown> }>();
    expect(body.openapi).toBe('3.1.0');
    expect(Object.keys(body.paths)).toContain('/oauth/token');
  });
});

describe('the RFC routes and the compat routes keep their own wire shapes', () => {
  it('takes form bodies on /oauth/* and answers their errors as RFC 6749 §5.2', () => {
    for (const [route, op] of operations().filter(([route]) => route.includes(' /oauth/'))) {
      expect(Object.keys(op.requestBody?.content ?? {}), route).toEqual([
        'application/x-www-form-urlencoded',
      ]);
      expect(op.security, route).toEqual([{ basic: [] }, {}]);
      for (const schema of errorSchemas(op)) {
        expect(schema, route).toEqual({ $ref: '#/components/schemas/OAuthError' });
      }
    }
  });

  it('answers compat errors as {code, title, message}', () => {
    const compat = operations().filter(([route]) => route.includes(' /v1/'));
    expect(compat.length).toBeGreaterThan(0);
    for (const [route, op] of compat) {
      for (const schema of errorSchemas(op)) {
        expect(schema, route).toEqual({ $ref: '#/components/schemas/Error' });
      }
    }
  });

  it('documents the error bodies the server really renders', async () => {
    const { schemas } = openApiDocument().components;
    const rfc = await call('auth', '/oauth/token', { method: 'POST', body: '{}' });
    expect(rfc.status).toBe(400);
    expect(Object.keys(await rfc.json<object>()).sort()).toEqual(
      Object.keys(schemas.OAuthError?.properties ?? {}).sort(),
    );
    const compat = await call('auth', '/v1/userinfo');
    expect(compat.status).toBe(401);
    expect(Object.keys(await compat.json<object>()).sort()).toEqual(
      Object.keys(schemas.Error?.properties ?? {}).sort(),
    );
  });

  it('describes the compat token body from the zod schema the handler validates with', () => {
    const op = openApiDocument().paths['/v1/login/oauth/access_token']?.post;
    const schema = op?.requestBody?.content['application/json']?.schema;
    expect(schema).toMatchObject({ type: 'object', additionalProperties: false });
    expect(Object.keys(schema?.properties ?? {})).toEqual(
      expect.arrayContaining(['grantType', 'clientId', 'clientSecret', 'refreshToken']),
    );
  });
});
