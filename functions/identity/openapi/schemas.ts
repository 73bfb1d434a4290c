import { object, ref } from '../../../shared/openapi/schema.js';
import type { JsonSchema } from '../../../shared/openapi/types.js';

const text: JsonSchema = { type: 'string' };
const uuid: JsonSchema = { type: 'string', format: 'uuid' };
const instant: JsonSchema = { type: 'string', format: 'date-time' };
const names: JsonSchema = { type: 'array', items: text };

/** A list body `{items, page, limit, total}` of `item`. */
export function pageOf(item: string): JsonSchema {
  return object({
    items: { type: 'array', items: ref(item) },
    page: { type: 'integer', minimum: 1 },
    limit: { type: 'integer', minimum: 1, maximum: 100 },
    total: { type: 'integer', minimum: 0 },
  });
}

const permission = object({ product: text, resource: text, action: text });

/** Response schemas as `functions/identity/views.ts` writes them (`Error` is shared). */
export const componentSchemas: Record<string, JsonSchema> = {
  User: object({
    id: uuid,
    firstName: text,
    lastName: text,
    email: text,
    username: text,
    groups: names,
    blocked: { type: 'boolean' },
    createdAt: instant,
  }),
  Group: object(
    {
      id: uuid,
      name: text,
      description: text,
      builtin: { type: 'boolean' },
      roles: names,
      members: { type: 'array', items: object({ id: uuid, username: text }) },
      createdAt: instant,
    },
    ['members'],
  ),
  Role: object({
    id: uuid,
    name: text,
    description: text,
    builtin: { type: 'boolean' },
    permissions: { type: 'array', items: permission },
    createdAt: instant,
  }),
  Application: object({
    id: uuid,
    name: text,
    description: text,
    clientId: text,
    firstParty: { type: 'boolean' },
    roles: names,
    createdAt: instant,
  }),
  ApplicationWithSecret: {
    allOf: [ref('Application'), object({ clientSecret: text })],
  },
  RotatedSecret: object({
    id: uuid,
    clientId: text,
    clientSecret: text,
    createdAt: instant,
    previousSecretsExpireAt: instant,
  }),
  AuditEvent: object({
    id: text,
    occurredAt: instant,
    action: text,
    actorType: text,
    actorId: { type: ['string', 'null'] },
    targetType: { type: ['string', 'null'] },
    targetId: { type: ['string', 'null'] },
    clientIp: { type: ['string', 'null'] },
    requestId: { type: ['string', 'null'] },
    details: { type: 'object' },
  }),
  UserPage: pageOf('User'),
  GroupPage: pageOf('Group'),
  RolePage: pageOf('Role'),
  ApplicationPage: pageOf('Application'),
  AuditEventPage: pageOf('AuditEvent'),
};
