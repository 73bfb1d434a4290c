import { Hono } from 'hono';
import { digestSecret, randomToken } from '../../../shared/crypto/secrets.js';
import { AppError } from '../../../shared/errors.js';
import { requirePrincipal } from '../../../shared/http/bearer.js';
import type { AppEnv } from '../../../shared/http/context.js';
import {
  deleteApplication,
  insertApplication,
  listApplications,
  setApplicationRoles,
} from '../../../shared/store/applications.js';
import { recordAudit } from '../../../shared/store/audit.js';
import {
  createApplicationBody,
  listApplicationsQuery,
} from '../../../shared/validation/applications.js';
import { newClientId } from '../domain/client-id.js';
import { defaultApplicationRole } from '../domain/default-roles.js';
import { auditEvent } from '../http/audit.js';
import { forgetCachedClient } from '../http/cache.js';
import { allow, allowSelfOr } from '../http/guards.js';
import { readBody, readId, readQuery } from '../http/input.js';
import { applicationOr404, manageableApplication, roleIdsOr404 } from '../lookups.js';
import { applicationJson } from '../views.js';

/** Responses that carry a client secret are never cached (RFC 6749 §5.1 does the same). */
export const NO_STORE = { 'Cache-Control': 'no-store', Pragma: 'no-cache' } as const;

/** `/v1/applications`: M2M clients. A secret is shown once, on creation or rotation. */
export const applications = new Hono<AppEnv>();

applications.get(
  '/v1/applications',
  requirePrincipal(),
  allow('applications', 'get'),
  async (c) => {
    const query = readQuery(c, listApplicationsQuery);

    const page = await listApplications(c.var.services.db(), query);
    return c.json({ ...page, items: page.items.map(applicationJson) });
  },
);

/**
 * Creates an application with a random client id and a 256-bit secret stored only as a digest.
 * An application named after a product gets that product's editor role, or the highest seeded
 * level of it the caller holds (never more than the caller).
 */
applications.post(
  '/v1/applications',
  requirePrincipal(),
  allow('applications', 'post'),
  async (c) => {
    const body = await readBody(c, createApplicationBody);
    const db = c.var.services.db();

    const defaultRole = defaultApplicationRole(body.name, c.var.permissions);
    const roleIds = defaultRole ? await roleIdsOr404(db, [defaultRole]) : [];
    const clientSecret = randomToken();
    const secretDigest = await digestSecret(clientSecret);

    const created = await db.transaction(async (tx) => {
      const id = await insertApplication(tx, {
        name: body.name,
        description: body.description,
        clientId: newClientId(),
        secretDigest,
      });
      await setApplicationRoles(tx, id, roleIds);
      const app = await applicationOr404(tx, id);
      const details = { after: { ...body, clientId: app.clientId, roles: app.roles } };
      await recordAudit(
        tx,
        auditEvent(c, 'application.created', { type: 'application', id }, details),
      );
      return app;
    });
    return c.json({ ...applicationJson(created), clientSecret }, 201, NO_STORE);
  },
);

/** Never the secret. An application may read itself. */
applications.get(
  '/v1/applications/:id',
  requirePrincipal(),
  allowSelfOr('applications', 'get', 'application'),
  async (c) => {
    const id = readId(c);

    return c.json(applicationJson(await applicationOr404(c.var.services.db(), id)));
  },
);

/**
 * Deletes an application: its secrets and role grants cascade, and its access tokens stop
 * working at once because every check of a token looks the application up.
 */
applications.delete(
  '/v1/applications/:id',
  requirePrincipal(),
  allow('applications', 'delete'),
  async (c) => {
    const id = readId(c);
    const db = c.var.services.db();

    const app = await manageableApplication(db, c.var.permissions, id);

    await db.transaction(async (tx) => {
      const details = { before: { name: app.name, clientId: app.clientId, roles: app.roles } };
      await recordAudit(
        tx,
        auditEvent(c, 'application.deleted', { type: 'application', id }, details),
      );
      if (!(await deleteApplication(tx, id))) {
        throw new AppError('application_not_found', { reason: 'deleted_concurrently' });
      }
    });
    await forgetCachedClient(c.var.services, app.clientId);
    return c.body(null, 204);
  },
);
