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

/** A closed object of `properties`, each required unless named in `optional`. */
export function object(
  properties: Record<string, JsonSchema>,
  optional: string[] = [],
): JsonSchema {
  const required = Object.keys(properties).filter((key) => !optional.includes(key));
  return { type: 'object', properties, required, additionalProperties: false };
}
