import { z } from 'zod';

/** Largest page a list answers (SPEC §2.5). */
export const MAX_LIMIT = 100;
export const DEFAULT_LIMIT = 10;
/** Deepest page reachable; keeps `OFFSET` bounded. */
export const MAX_PAGE = 100_000;

/** A positive decimal integer in a query string: digits only, no sign, exponent or spaces. */
function queryInt(min: number, max: number, fallback: number) {
  return z
    .string()
    .regex(/^\d{1,9}$/, 'a positive integer')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max))
    .default(fallback);
}

/** `page` (from 1) and `limit` (1–100) as every list takes them. */
export const pageFields = {
  page: queryInt(1, MAX_PAGE, 1),
  limit: queryInt(1, MAX_LIMIT, DEFAULT_LIMIT),
};

/** `sort` from a fixed allow-list (never interpolated into SQL) and `order`. */
export function sortFields<const Field extends string>(fields: readonly [Field, ...Field[]]) {
  return {
    sort: z.enum(fields).optional(),
    order: z.enum(['asc', 'desc']).default('asc'),
  };
}

/** A validated page request. */
export interface PageRequest {
  page: number;
  limit: number;
}

/** Rows to skip for a page. */
export function offsetOf(request: PageRequest): number {
  return (request.page - 1) * request.limit;
}

/** The list body of every collection: `{items, page, limit, total}` (COMPAT.md). */
export interface Page<Item> {
  items: Item[];
  page: number;
  limit: number;
  total: number;
}
