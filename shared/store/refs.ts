import { inArray, or, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { splitRefs } from '../validation/fields.js';
import type { Queryable, Resolved } from './queryable.js';

type TextColumn = AnyPgColumn<{ data: string; notNull: true }>;

/**
 * Looks rows up by reference: a UUID matches the `id` column, anything else the `name` column
 * case-insensitively. A ref matching no row is reported in `missing`.
 */
export async function resolveRefs(
  db: Queryable,
  columns: { id: TextColumn; name: TextColumn },
  refs: readonly string[],
): Promise<Resolved> {
  if (refs.length === 0) {
    return { found: [], missing: [] };
  }
  const { ids, names } = splitRefs(refs);
  const found = await db
    .select({ id: columns.id, name: columns.name })
    .from(columns.id.table)
    .where(
      or(
        ids.length > 0 ? inArray(columns.id, ids) : undefined,
        names.length > 0 ? inArray(sql`lower(${columns.name})`, names.map(lower)) : undefined,
      ),
    );
  const missing = refs.filter(
    (ref) => !found.some((row) => row.id === lower(ref) || lower(row.name) === lower(ref)),
  );
  return { found, missing };
}

function lower(value: string): string {
  return value.toLowerCase();
}
