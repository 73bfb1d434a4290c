import { and, desc, eq, gte, lte } from 'drizzle-orm';
import { auditEvents } from '../db/schema.js';
import type { ListAuditEventsQuery } from '../validation/audit-events.js';
import type { Page } from '../validation/pagination.js';
import { pageOf } from './lists.js';
import type { Queryable } from './queryable.js';

/** One stored audit event. */
export interface AuditEventRecord {
  id: number;
  occurredAt: Date;
  action: string;
  actorType: string;
  actorId: string | null;
  targetType: string | null;
  targetId: string | null;
  clientIp: string | null;
  requestId: string | null;
  details: unknown;
}

/** A page of audit events, newest first, matching every given filter. */
export async function listAuditEvents(
  db: Queryable,
  query: ListAuditEventsQuery,
): Promise<Page<AuditEventRecord>> {
  const where = and(
    query.action ? eq(auditEvents.action, query.action) : undefined,
    query.actorId ? eq(auditEvents.actorId, query.actorId) : undefined,
    query.targetType ? eq(auditEvents.targetType, query.targetType) : undefined,
    query.targetId ? eq(auditEvents.targetId, query.targetId) : undefined,
    query.from ? gte(auditEvents.occurredAt, query.from) : undefined,
    query.to ? lte(auditEvents.occurredAt, query.to) : undefined,
  );

  return pageOf(db, query, auditEvents, where, (limit, offset) =>
    db
      .select()
      .from(auditEvents)
      .where(where)
      .orderBy(desc(auditEvents.occurredAt), desc(auditEvents.id))
      .limit(limit)
      .offset(offset),
  );
}
