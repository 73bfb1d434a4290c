import { z } from 'zod';
import { isUUID } from './ids.js';
import { normalizeText } from './normalize.js';

/** Control and format characters never belong in a name or an identifier. */
const CONTROL = /[\p{Cc}\p{Cf}]/u;

/** Longest input we read for a password before the length check; bounds the work. */
const PASSWORD_INPUT_MAX = 1024;

/** A string field, NFKC-normalized and trimmed before the checks that follow. */
export function normalized() {
  return z.string().transform(normalizeText);
}

/** A person's first or last name: may be empty, no control characters. */
export const personName = normalized().pipe(
  z
    .string()
    .max(100)
    .refine((value) => !CONTROL.test(value), 'control characters are not allowed'),
);

/** A login name: letters, digits and `._@+-`, 1–64 characters after NFKC. */
export const username = normalized().pipe(
  z
    .string()
    .min(1)
    .max(64)
    .regex(/^[\p{L}\p{N}._@+-]+$/u, 'letters, digits and . _ @ + - only'),
);

/** An email address after NFKC (a fullwidth `＠` becomes `@`), at most 254 characters. */
export const email = normalized().pipe(z.email().max(254));

/** A group, role or application name: a lowercase-friendly slug, 1–64 characters. */
export const slugName = normalized().pipe(
  z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'letters, digits and . _ - only'),
);

/** A free-text description, at most 500 characters. */
export const description = normalized().pipe(
  z
    .string()
    .max(500)
    .refine((value) => !CONTROL.test(value), 'control characters are not allowed'),
);

/**
 * A password as received: only a type and a generous bound here. Its 12–256 character rule is
 * `checkPasswordLength`, applied before hashing so a short one answers `IDE-0020`.
 */
export const password = z.string().max(PASSWORD_INPUT_MAX);

/** A reference to a group or role: its id, or its name (case-insensitive). */
export const nameOrId = normalized().pipe(z.string().min(1).max(64));

/** Splits references into ids and names, so a store can look both up in one query. */
export function splitRefs(refs: readonly string[]): { ids: string[]; names: string[] } {
  const ids = refs.filter(isUUID).map((id) => id.toLowerCase());
  const names = refs.filter((ref) => !isUUID(ref));
  return { ids, names };
}

/** A list of references without duplicates (case-insensitively), at most `max` long. */
export function refList(max: number) {
  return z
    .array(nameOrId)
    .max(max)
    .transform((refs) => dedupeFolded(refs));
}

function dedupeFolded(values: string[]): string[] {
  const seen = new Set<string>();
  return values.filter((value) => {
    const key = value.toLowerCase();
    if (seen.has(key)) {
      return false;
    }
    seen.add(key);
    return true;
  });
}
