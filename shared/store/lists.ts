import { asc, count, desc, ilike, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { escapeLike } from '../validation/normalize.js';
import { offsetOf, type Page, type PageRequest } from '../validation/pagination.js';
import type { Queryable } from './queryable.js';

/** A case-insensitive substring filter; `%` and `_` in `text` match only themselves. */
export function containing(column: PgColumn, text: string): SQL {
  return ilike(column, `%${escapeLike(text)}%`);
}

/** The sort column, then the id as tie-breaker, both in `order`: pages never overlap. */
export function stableOrder(order: 'asc' | 'desc', column: PgColumn, id: PgColumn): SQL[] {
  const direction = order === 'desc' ? desc : asc;
  return [direction(column), direction(id)];
}

/**
 * One page of a list: `rows` fetches the requested page (given its limit and offset) while the
 * rows of `table` matching `where` are counted for the total, both queries side by side.
 */
export async function pageOf<Row>(
  db: Queryable,
  request: PageRequest,
  table: PgTable,
  where: SQL | undefined,
  rows: (limit: number, offset: number) => PromiseLike<Row[]>,
): Promise<Page<Row>> {
  const [items, totals] = await Promise.all([
    rows(request.limit, offsetOf(request)),
    db.select({ total: count() }).from(table).where(where),
  ]);
  return { items, page: request.page, limit: request.limit, total: totals[0]?.total ?? 0 };
}
