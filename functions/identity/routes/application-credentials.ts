import { Hono } from 'hono';
import { digestSecret, randomToken } from '../../../shared/crypto/secrets.js';
import { requirePrincipal } from '../../../shared/http/bearer.js';
import type { AppEnv } from '../../../shared/http/context.js';
import { rotateSecret, setApplicationRoles } from '../../../shared/store/applications.js';
import { recordAudit } from '../../../shared/store/audit.js';
import { permissionsOfRoles } from '../../../shared/store/roles.js';
import { applicationRolesBody } from '../../../shared/validation/applications.js';
import { assertHoldsAll } from '../domain/escalation.js';
import { auditEvent } from '../http/audit.js';
import { forgetCachedClient } from '../http/cache.js';
import { allow } from '../http/guards.js';
import { readBody, readId } from '../http/input.js';
import { applicationOr404, manageableApplication, roleIdsOr404 } from '../lookups.js';
import { applicationJson } from '../views.js';
import { NO_STORE } from './applications.js';

/** What an application can do and prove: its secret (rotation) and its roles. */
export const applicationCredentials = new Hono<AppEnv>();

/**
 * Rotates the client secret: a new one is shown once; every earlier secret keeps working until
 * `now + SECRET_ROTATION_OVERLAP_SECONDS` (default 24 h), so clients can roll over, then expires.
 */
applicationCredentials.post(
  '/v1/applications/:id/secrets',
  requirePrincipal(),
  allow('applications', 'post'),
  async (c) => {
    const id = readId(c);
    const db = c.var.services.db();

    const app = await manageableApplication(db, c.var.permissions, id);
    const clientSecret = randomToken();
    const digest = await digestSecret(clientSecret);
    const now = new Date();
    const overlap = c.var.services.config.secretRotationOverlapSeconds;
    const previousSecretsExpireAt = new Date(now.getTime() + overlap * 1000);

    await db.transaction(async (tx) => {
      const previous = await rotateSecret(tx, id, digest, now, previousSecretsExpireAt);
      const details = {
        clientId: app.clientId,
        previousSecrets: previous,
        previousSecretsExpireAt: previousSecretsExpireAt.toISOString(),
      };
      await recordAudit(
        tx,
        auditEvent(c, 'application.secret_rotated', { type: 'application', id }, details),
      );
    });
    await forgetCachedClient(c.var.services, app.clientId);

    const body = {
      id,
      clientId: app.clientId,
      clientSecret,
      createdAt: now.toISOString(),
      previousSecretsExpireAt: previousSecretsExpireAt.toISOString(),
    };
    return c.json(body, 201, NO_STORE);
  },
);

/** Replaces the roles an application holds (names or ids); nobody grants more than it holds. */
applicationCredentials.put(
  '/v1/applications/:id/roles',
  requirePrincipal(),
  allow('applications', 'put'),
  async (c) => {
    const id = readId(c);
    const body = await readBody(c, applicationRolesBody);
    const db = c.var.services.db();

    const app = await manageableApplication(db, c.var.permissions, id);
    const roleIds = await roleIdsOr404(db, body.roles);
    assertHoldsAll(c.var.permissions, await permissionsOfRoles(db, roleIds), 'application_roles');

    const updated = await db.transaction(async (tx) => {
      await setApplicationRoles(tx, id, roleIds);
      const after = await applicationOr404(tx, id);
      const details = { before: { roles: app.roles }, after: { roles: after.roles } };
      await recordAudit(
        tx,
        auditEvent(c, 'application.roles_changed', { type: 'application', id }, details),
      );
      return after;
    });
    return c.json(applicationJson(updated));
  },
);
