import { beforeAll, describe, expect, it } from 'vitest';
import { openApiDocument } from '../../../functions/identity/openapi/document.js';
import type { Method } from '../../../functions/identity/openapi/types.js';
import { actorWith, admin, type Actor } from './support/actors.js';
import { expectError, expectJson, IdentityClient } from './support/identity-client.js';

/** Every protected route of the OpenAPI document (itself checked against the app's routes). */
const protectedRoutes = Object.entries(openApiDocument().paths).flatMap(([path, item]) =>
  Object.entries(item)
    .filter(([, operation]) => operation['x-permission'] !== undefined)
    .map(([method, operation]) => ({
      method: method.toUpperCase() as Uppercase<Method>,
      path: path.replace('{id}', crypto.randomUUID()),
      self: operation['x-permission'] === 'self',
      body: method === 'get' ? undefined : {},
    })),
);

describe('every identity route refuses callers without the right', () => {
  let nobody: Actor;

  beforeAll(async () => {
    nobody = await actorWith(await admin(), []);
  });

  it('covers every protected route of the document', () => {
    expect(protectedRoutes.length).toBeGreaterThanOrEqual(24);
  });

  it.each(protectedRoutes)(
    '$method $path: no token → 401 IDE-0008',
    async ({ method, path, body }) => {
      await expectError(await new IdentityClient().request(method, path, body), 401, 'IDE-0008');
    },
  );

  it.each(protectedRoutes)(
    '$method $path: bad token → 401 IDE-0009',
    async ({ method, path, body }) => {
      const forged = new IdentityClient('eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.');
      await expectError(await forged.request(method, path, body), 401, 'IDE-0009');
    },
  );

  it.each(protectedRoutes)(
    '$method $path: a principal without the permission → 403',
    async ({ method, path, self, body }) => {
      const response = await nobody.api.request(method, path, body);
      await expectError(response, 403, self ? 'IDE-0013' : 'IDE-0403');
    },
  );

  it('a Bearer header without a token is an invalid token, not a missing one', async () => {
    const response = await new IdentityClient().request('GET', '/v1/users', undefined, {
      Authorization: 'Bearer ',
    });
    await expectError(response, 401, 'IDE-0009');
  });
});

describe('self-service needs no permission', () => {
  it('a person without any group reads itself, and nobody else', async () => {
    const adminApi = await admin();
    const nobody = await actorWith(adminApi, []);
    const other = await actorWith(adminApi, []);

    const self = await expectJson(await nobody.api.get(`/v1/users/${nobody.id}`), 200);
    expect(self).toMatchObject({ id: nobody.id, username: nobody.username, groups: [] });
    await expectError(await nobody.api.get(`/v1/users/${other.id}`), 403, 'IDE-0403');
  });

  it('the public OpenAPI document needs no token', async () => {
    const body = await expectJson(await new IdentityClient().get('/openapi.json'), 200);
    expect(body).toMatchObject({ openapi: '3.1.0' });
  });
});
