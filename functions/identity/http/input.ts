import type { Context } from 'hono';
import type { z } from 'zod';
import { AppError } from '../../../shared/errors.js';
import { isUUID } from '../../../shared/validation/ids.js';
import { bodyVerdict, queryMessage } from '../../../shared/validation/issues.js';

/**
 * Reads and validates a JSON body: a non-JSON content type is 415, malformed JSON 400, and a
 * body the schema refuses gets the code `bodyVerdict` picks (SPEC §5). Nothing is written
 * before this returns, so bad input never changes anything.
 */
export async function readBody<Schema extends z.ZodType>(
  c: Context,
  schema: Schema,
  unmodifiable: readonly string[] = [],
): Promise<z.output<Schema>> {
  const type = c.req.header('Content-Type');
  if (type && !/^application\/([\w.+-]+\+)?json\s*(;|$)/i.test(type)) {
    throw new AppError('unsupported_media_type', { reason: 'not_json' });
  }

  let raw: unknown;
  try {
    raw = JSON.parse(await c.req.text());
  } catch {
    throw new AppError('invalid_request', {
      reason: 'malformed_json',
      message: 'The body is not valid JSON.',
    });
  }

  const result = schema.safeParse(raw);
  if (!result.success) {
    const verdict = bodyVerdict(result.error.issues, raw, unmodifiable);
    throw new AppError(verdict.kind, { reason: 'body_invalid', message: verdict.message });
  }
  return result.data;
}

/**
 * Reads and validates the query string; anything refused — an unknown or repeated parameter,
 * a bad number, a sort outside the allow-list — is 400 `IDE-0005`.
 */
export function readQuery<Schema extends z.ZodType>(c: Context, schema: Schema): z.output<Schema> {
  const entries = Object.entries(c.req.queries());
  const repeated = entries.filter(([, values]) => values.length > 1).map(([name]) => name);
  if (repeated.length > 0) {
    throw new AppError('invalid_query', {
      reason: 'repeated_query_param',
      message: `Query parameters given more than once: ${repeated.join(', ')}.`,
    });
  }

  const flat = Object.fromEntries(entries.map(([name, values]) => [name, values[0]]));
  const result = schema.safeParse(flat);
  if (!result.success) {
    throw new AppError('invalid_query', {
      reason: 'query_invalid',
      message: queryMessage(result.error.issues),
    });
  }
  return result.data;
}

/** The `:id` path parameter as a lowercase UUID; anything else is 400 `IDE-0003`. */
export function readId(c: Context, name = 'id'): string {
  const value = c.req.param(name);
  if (!value || !isUUID(value)) {
    throw new AppError('invalid_path', {
      reason: 'id_not_uuid',
      message: `The path parameter ${name} must be a UUID.`,
    });
  }
  return value.toLowerCase();
}

/** Refuses a PATCH body that changes nothing (400 `IDE-0001`). */
export function requireSomeField(body: Record<string, unknown>, fields: readonly string[]): void {
  if (!Object.values(body).some((value) => value !== undefined)) {
    throw new AppError('missing_fields', {
      reason: 'empty_patch',
      message: `Give at least one of: ${fields.join(', ')}.`,
    });
  }
}
