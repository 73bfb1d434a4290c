import { describe, expect, it } from 'vitest';
import identity from '../../../functions/identity/index.js';
import { openApiDocument } from '../../../functions/identity/openapi/document.js';
import { expectJson, IdentityClient } from './support/identity-client.js';

/** `METHOD /path` of every route the Hono app answers (middleware-only entries left out). */
function appRoutes(): string[] {
  const routes = identity.routes
    .filter((route) => route.method !== 'ALL')
    .map((route) => `${route.method} ${route.path.replace(/:(\w+)/g, '{$1}')}`);
  return [...new Set(routes)].sort();
}

function documentedRoutes(): string[] {
  return Object.entries(openApiDocument().paths)
    .flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`))
    .sort();
}

describe('GET /openapi.json', () => {
  it('documents exactly the routes the app registers, no more and no fewer', () => {
    expect(documentedRoutes()).toEqual(appRoutes());
  });

  it('serves an OpenAPI 3.1 document without a token', async () => {
    const body = await expectJson<{ openapi: string; paths: Record<string, unknown> }>(
      await new IdentityClient().get('/openapi.json'),
      200,
    );
    expect(body.openapi).toBe('3.1.0');
    expect(Object.keys(body.paths)).toContain('/v1/users/{id}/update-password');
  });

  it('describes request bodies from the same zod schemas the handlers validate with', () => {
    const createUser = openApiDocument().paths['/v1/users']?.post;
    const schema = createUser?.requestBody?.content['application/json']?.schema;
    expect(schema).toMatchObject({
      type: 'object',
      additionalProperties: false,
      required: expect.arrayContaining(['username', 'email', 'password']),
    });
  });
});
