import { AUDIT_QUEUE_KEY } from '../cache/keys.js';
import type { Services } from '../http/context.js';
import { recordAudit, type AuditEvent } from '../store/audit.js';

/** Most events one drain moves to Postgres in one insert. */
const DRAIN_BATCH = 500;
/** An isolate drains at most this often on its own; a cron drains the rest every minute. */
const DRAIN_INTERVAL_MS = 1000;
/** How long after a response its event waits for others to share one push to the queue. */
const PUSH_GATHER_MS = 20;

type QueuedEvent = Omit<AuditEvent, 'occurredAt'> & { occurredAt: string };

let lastDrain = 0;
/** Events of this isolate's recent responses, not yet pushed to the cache queue. */
const pending: QueuedEvent[] = [];

/**
 * Records a high-volume event (an application's token issue) without a Postgres round trip on
 * the request: it is pushed to the cache queue after the response and moved to Postgres in
 * batches. With the cache down it is written to Postgres directly. Security-relevant events
 * (sign-ins, lockouts, reuse, revocation, admin changes) never take this path.
 */
export function enqueueAudit(services: Services, event: AuditEvent, now: Date): void {
  pending.push({ ...event, occurredAt: (event.occurredAt ?? now).toISOString() });
  services.defer(pushPending(services));
  if (now.getTime() - lastDrain >= DRAIN_INTERVAL_MS) {
    lastDrain = now.getTime();
    services.defer(drainAuditQueue(services));
  }
}

/**
 * After a short gather, the first request to wake takes every pending event of the isolate and
 * pushes them in one command; the others find nothing left to do. Each request's `waitUntil`
 * covers this, so no event waits on a request that has already finished. If the push fails,
 * the same request writes the batch to Postgres directly.
 */
async function pushPending(services: Services): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, PUSH_GATHER_MS));
  const batch = pending.splice(0);
  if (batch.length === 0) {
    return;
  }
  try {
    await services.cache().rpush(AUDIT_QUEUE_KEY, ...batch.map((event) => JSON.stringify(event)));
  } catch {
    await recordAudit(services.db(), ...batch.map(toEvent));
  }
}

/**
 * Moves queued events to Postgres, oldest first. LPOP with a count is atomic, so two isolates
 * never write the same event; a batch Postgres refuses goes back to the head of the queue.
 */
export async function drainAuditQueue(services: Services): Promise<number> {
  const cache = services.cache();
  const raw = await cache.lpop<unknown[]>(AUDIT_QUEUE_KEY, DRAIN_BATCH);
  const items = Array.isArray(raw) ? raw : raw ? [raw] : [];
  if (items.length === 0) {
    return 0;
  }

  const events = items.map(toEvent);
  try {
    await recordAudit(services.db(), ...events);
  } catch (error) {
    await cache.lpush(AUDIT_QUEUE_KEY, ...items.map((item) => JSON.stringify(item)).reverse());
    throw error;
  }
  return events.length;
}

function toEvent(item: unknown): AuditEvent {
  // The client decodes JSON values itself; a string is an event it could not decode.
  const queued = (typeof item === 'string' ? JSON.parse(item) : item) as QueuedEvent;
  return { ...queued, occurredAt: new Date(queued.occurredAt) };
}
