/**
 * Text normalization for identifiers people type (SPEC §4): Unicode NFKC, so that a fullwidth
 * `＠` or a ligature compares equal to its plain form, then surrounding whitespace removed.
 * Case is kept as typed; uniqueness is case-insensitive in Postgres (`lower()` indexes).
 */
export function normalizeText(value: string): string {
  return value.normalize('NFKC').trim();
}

/** Case-folded form of a normalized identifier, for comparisons outside Postgres. */
export function foldCase(value: string): string {
  return normalizeText(value).toLowerCase();
}

/** Escapes `%`, `_` and `\` so a user's filter text matches literally in `LIKE`/`ILIKE`. */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (char) => `\\${char}`);
}
