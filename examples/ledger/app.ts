import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { LibAuth } from '../../shared/lib-auth/index.js';
import { LedgerStore } from './store.js';

const PRODUCT = 'midaz';

const organizationBody = z.strictObject({ legalName: z.string().trim().min(1).max(256) });

const accountBody = z.strictObject({
  name: z.string().trim().min(1).max(256),
  assetCode: z.string().regex(/^[A-Z]{3,10}$/),
});

/**
 * A mock of a few ledger routes, each guarded by lib-auth with the permission the real ledger
 * asks for: product `midaz`, the route's resource, and the HTTP verb as the action.
 */
export function createLedgerApp(lib: LibAuth, store = new LedgerStore()): Hono {
  const app = new Hono();
  const guard = (resource: string) => lib.authorize({ product: PRODUCT, resource });

  app.get('/health', (c) => c.text('healthy'));

  app.get('/v1/organizations', guard('organizations'), (c) =>
    c.json({ items: store.listOrganizations() }),
  );

  app.post('/v1/organizations', guard('organizations'), async (c) => {
    const body = organizationBody.safeParse(await readJson(c));
    if (!body.success) {
      return invalidBody(c);
    }
    return c.json(store.addOrganization(body.data.legalName), 201);
  });

  app.get('/v1/organizations/:id', guard('organizations'), (c) => {
    const organization = store.organization(c.req.param('id'));
    return organization ? c.json(organization) : notFound(c);
  });

  app.delete('/v1/organizations/:id', guard('organizations'), (c) =>
    store.removeOrganization(c.req.param('id')) ? c.body(null, 204) : notFound(c),
  );

  app.get('/v1/organizations/:id/ledgers/:ledgerId/accounts', guard('accounts'), (c) => {
    const { id, ledgerId } = c.req.param();
    if (!store.organization(id)) {
      return notFound(c);
    }
    return c.json({ items: store.listAccounts(id, ledgerId) });
  });

  app.post('/v1/organizations/:id/ledgers/:ledgerId/accounts', guard('accounts'), async (c) => {
    const { id, ledgerId } = c.req.param();
    if (!store.organization(id)) {
      return notFound(c);
    }
    const body = accountBody.safeParse(await readJson(c));
    if (!body.success) {
      return invalidBody(c);
    }
    return c.json(store.addAccount({ organizationId: id, ledgerId, ...body.data }), 201);
  });

  return app;
}

async function readJson(c: Context): Promise<unknown> {
  try {
    return await c.req.json();
  } catch {
    return undefined;
  }
}

const invalidBody = (c: Context) =>
  c.json({ code: 'LED-0400', title: 'Invalid Body', message: 'The body is not valid.' }, 400);

const notFound = (c: Context) =>
  c.json({ code: 'LED-0404', title: 'Not Found', message: 'No such entity.' }, 404);
