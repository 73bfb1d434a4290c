import { z } from 'zod';
import { pageFields } from './pagination.js';

const token = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9._:@-]+$/);
const instant = z.iso.datetime({ offset: true }).transform((value) => new Date(value));

/** `GET /v1/audit-events`: newest first, filtered by action, actor, target and time. */
export const listAuditEventsQuery = z
  .strictObject({
    ...pageFields,
    action: token.optional(),
    actorId: token.optional(),
    targetType: token.optional(),
    targetId: token.optional(),
    from: instant.optional(),
    to: instant.optional(),
  })
  .refine((query) => !query.from || !query.to || query.from <= query.to, {
    message: '`from` must not be after `to`',
    path: ['from'],
  });
export type ListAuditEventsQuery = z.infer<typeof listAuditEventsQuery>;
