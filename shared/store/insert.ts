import type { AnyPgColumn, PgInsertValue, PgTable } from 'drizzle-orm/pg-core';
import { AppError } from '../errors.js';
import type { Queryable } from './queryable.js';

/**
 * Inserts one row into `table` and returns its generated `id`. `rethrowConflict` maps a
 * constraint violation to its public error; no row back is a 500 logged with `reason`.
 */
export async function insertReturningId<Table extends PgTable>(
  db: Queryable,
  table: Table,
  id: AnyPgColumn<{ data: string; notNull: true }>,
  values: PgInsertValue<Table>,
  failures: { rethrowConflict: (error: unknown) => never; reason: string },
): Promise<string> {
  const rows = await db
    .insert(table)
    .values(values)
    .returning({ id })
    .catch(failures.rethrowConflict);
  const inserted = rows[0]?.id;
  if (!inserted) {
    throw new AppError('internal', { reason: failures.reason });
  }
  return inserted;
}
