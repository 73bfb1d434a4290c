import type { Database } from '../db/client.js';

/** The database or a transaction on it: every store query accepts either. */
export type Queryable = Pick<
  Database,
  'select' | 'selectDistinct' | 'insert' | 'update' | 'delete' | 'execute'
>;

/** What a list of references (ids or names) resolved to: the rows found, the refs that missed. */
export interface Resolved {
  found: { id: string; name: string }[];
  missing: string[];
}

/** Postgres `unique_violation` (SQLSTATE 23505). */
const UNIQUE_VIOLATION = '23505';
/** Postgres `foreign_key_violation` (SQLSTATE 23503). */
const FOREIGN_KEY_VIOLATION = '23503';

/**
 * The constraint a unique violation names, or undefined when `error` is something else.
 * Looks through drizzle's wrapper (`DrizzleQueryError.cause`) to the driver's error.
 */
export function uniqueViolation(error: unknown): string | undefined {
  return violated(error, UNIQUE_VIOLATION);
}

/**
 * Whether `error` is a foreign-key violation: a row referenced by an insert was deleted by a
 * concurrent request between our lookup and our write.
 */
export function isForeignKeyViolation(error: unknown): boolean {
  return violated(error, FOREIGN_KEY_VIOLATION) !== undefined;
}

function violated(error: unknown, sqlState: string): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth += 1) {
    const candidate = current as { code?: unknown; constraint?: unknown; cause?: unknown };
    if (candidate.code === sqlState) {
      return typeof candidate.constraint === 'string' ? candidate.constraint : '';
    }
    current = candidate.cause;
  }
  return undefined;
}
