import { Hono } from 'hono';
import { requirePrincipal } from '../../../shared/http/bearer.js';
import type { AppEnv } from '../../../shared/http/context.js';
import { listAuditEvents } from '../../../shared/store/audit-events.js';
import { listAuditEventsQuery } from '../../../shared/validation/audit-events.js';
import { allow } from '../http/guards.js';
import { readQuery } from '../http/input.js';
import { auditEventJson } from '../views.js';

/** `GET /v1/audit-events`: the append-only record, newest first, with filters (SPEC §4). */
export const auditEvents = new Hono<AppEnv>();

auditEvents.get('/v1/audit-events', requirePrincipal(), allow('audit-events', 'get'), async (c) => {
  const query = readQuery(c, listAuditEventsQuery);

  const page = await listAuditEvents(c.var.services.db(), query);
  return c.json({ ...page, items: page.items.map(auditEventJson) });
});
