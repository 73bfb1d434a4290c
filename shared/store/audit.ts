import type { Database } from '../db/client.js';
import { auditEvents } from '../db/schema.js';

/** Who did something: a person, an application, the system, or nobody known yet. */
export interface AuditActor {
  type: 'user' | 'application' | 'system' | 'anonymous';
  id?: string;
}

/** One security-relevant event (SPEC §4). Details hold no secrets: ids, reasons, field diffs. */
export interface AuditEvent {
  action: string;
  actor: AuditActor;
  target?: { type: string; id: string };
  clientIp?: string;
  requestId?: string;
  details?: Record<string, unknown>;
  /** When it happened, if not now (events written later in a batch keep their time). */
  occurredAt?: Date;
}

type Writer = Pick<Database, 'insert'>;

/** Appends events; pass a transaction to make them part of the change they record. */
export async function recordAudit(db: Writer, ...events: AuditEvent[]): Promise<void> {
  if (events.length === 0) {
    return;
  }
  await db.insert(auditEvents).values(
    events.map((event) => ({
      action: event.action,
      ...(event.occurredAt ? { occurredAt: event.occurredAt } : {}),
      actorType: event.actor.type,
      actorId: event.actor.id ?? null,
      targetType: event.target?.type ?? null,
      targetId: event.target?.id ?? null,
      clientIp: event.clientIp ?? null,
      requestId: event.requestId ?? null,
      details: event.details ?? {},
    })),
  );
}
