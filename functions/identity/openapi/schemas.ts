import { z } from 'zod';
import type { JsonSchema } from './types.js';

/** A reference to a component schema. */
export function ref(name: string): JsonSchema {
  return { $ref: `#/components/schemas/${name}` };
}

/** The JSON Schema of a request body or query, straight from its zod schema (never drifts). */
export function fromZod(schema: z.ZodType): JsonSchema {
  const { $schema: _, ...json } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
  return json;
}

const text: JsonSchema = { type: 'string' };
const uuid: JsonSchema = { type: 'string', format: 'uuid' };
const instant: JsonSchema = { type: 'string', format: 'date-time' };
const names: JsonSchema = { type: 'array', items: text };

function object(properties: Record<string, JsonSchema>, optional: string[] = []): JsonSchema {
  const required = Object.keys(properties).filter((key) => !optional.includes(key));
  return { type: 'object', properties, required, additionalProperties: false };
}

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

/** The response schemas, as `functions/identity/views.ts` writes them. */
export const componentSchemas: Record<string, JsonSchema> = {
  Error: object({ code: text, title: text, message: text }),
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
