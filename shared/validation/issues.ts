import type { z } from 'zod';
import type { ErrorKind } from '../errors.js';

/** Which error a failed body validation answers, and a public message naming the fields. */
export interface IssueVerdict {
  kind: Extract<
    ErrorKind,
    'unmodifiable_field' | 'unexpected_fields' | 'missing_fields' | 'invalid_field'
  >;
  message: string;
}

/**
 * Maps zod issues on a JSON body to one stable code (SPEC §5), most telling first:
 * a known but unmodifiable field (`IDE-0010`), unknown fields (`IDE-0004`), missing fields
 * (`IDE-0001`), then anything else (`IDE-0002`). Names fields, never values.
 */
export function bodyVerdict(
  issues: readonly z.core.$ZodIssue[],
  input: unknown,
  unmodifiable: readonly string[] = [],
): IssueVerdict {
  const unknownKeys = issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys' ? issue.keys.map((key) => join([...issue.path, key])) : [],
  );
  const locked = unknownKeys.filter((key) => unmodifiable.includes(key));
  if (locked.length > 0) {
    return { kind: 'unmodifiable_field', message: `Fields cannot be changed: ${list(locked)}.` };
  }
  if (unknownKeys.length > 0) {
    return { kind: 'unexpected_fields', message: `Unexpected fields: ${list(unknownKeys)}.` };
  }

  const missing = issues
    .filter((issue) => issue.code === 'invalid_type' && valueAt(input, issue.path) === undefined)
    .map((issue) => join(issue.path));
  if (missing.length > 0) {
    return { kind: 'missing_fields', message: `Missing fields: ${list(missing)}.` };
  }

  const invalid = issues.map((issue) => `${join(issue.path) || 'body'} (${issue.message})`);
  return { kind: 'invalid_field', message: `Invalid fields: ${list(invalid)}.` };
}

/** A public message for a failed query validation (always `IDE-0005`). */
export function queryMessage(issues: readonly z.core.$ZodIssue[]): string {
  const names = issues.map((issue) =>
    issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : join(issue.path),
  );
  return `Invalid query parameters: ${list(names)}.`;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object') {
      return undefined;
    }
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function join(path: readonly PropertyKey[]): string {
  return path.map(String).join('.');
}

function list(names: readonly string[]): string {
  const unique = [...new Set(names)];
  const shown = unique.slice(0, 5).join(', ');
  return unique.length > 5 ? `${shown}, …` : shown;
}
