import { asc, eq, inArray } from 'drizzle-orm';
import type { AnyPgColumn, PgInsertValue, PgTable } from 'drizzle-orm/pg-core';
import { AppError, type ErrorKind } from '../errors.js';
import { isForeignKeyViolation, type Queryable } from './queryable.js';

/** The error a vanished row becomes: its 404 kind and the precise reason for the log. */
export interface Gone {
  kind: ErrorKind;
  reason: string;
}

type TextColumn = AnyPgColumn<{ data: string; notNull: true }>;

/**
 * Locks the row whose `id` column equals `value` until the transaction ends, so concurrent
 * changes to it apply one after the other; throws `gone` when there is no such row.
 */
export async function lockRow(
  db: Queryable,
  id: TextColumn,
  value: string,
  gone: Gone,
): Promise<void> {
  const locked = await db.select({ id }).from(id.table).where(eq(id, value)).for('update');
  if (locked.length === 0) {
    throw new AppError(gone.kind, { reason: gone.reason });
  }
}

/**
 * Replaces the rows of a link `table` that belong to the owner (`owner` column equals
 * `ownerId`) with `rows`. Call inside a transaction with the owner's row locked. When a linked
 * row was deleted meanwhile (a foreign-key violation), throws `targetGone` if given.
 */
export async function replaceLinks<Table extends PgTable>(
  db: Queryable,
  table: Table,
  owner: TextColumn,
  ownerId: string,
  rows: PgInsertValue<Table>[],
  targetGone?: Gone,
): Promise<void> {
  await db.delete(table).where(eq(owner, ownerId));
  if (rows.length === 0) {
    return;
  }
  await db
    .insert(table)
    .values(rows)
    .catch((error: unknown) => {
      throw targetGone && isForeignKeyViolation(error)
        ? new AppError(targetGone.kind, { reason: targetGone.reason })
        : error;
    });
}

/**
 * The names of the rows linked to each owner, sorted by name: `owner` and `target` are the link
 * table's columns, `id` and `name` those of the table it points to.
 */
export async function linkedNames(
  db: Queryable,
  link: { owner: TextColumn; target: TextColumn },
  named: { id: TextColumn; name: TextColumn },
  ownerIds: readonly string[],
): Promise<Map<string, string[]>> {
  const names = new Map<string, string[]>();
  if (ownerIds.length === 0) {
    return names;
  }
  const rows = await db
    .select({ ownerId: link.owner, name: named.name })
    .from(link.owner.table)
    .innerJoin(named.id.table, eq(named.id, link.target))
    .where(inArray(link.owner, [...ownerIds]))
    .orderBy(asc(named.name));
  for (const row of rows) {
    names.set(row.ownerId, [...(names.get(row.ownerId) ?? []), row.name]);
  }
  return names;
}
