/** Before/after of the fields that changed, for an audit event's details. Secrets never pass. */
export function fieldChanges<Fields extends Record<string, unknown>>(
  before: Fields,
  after: Partial<Fields>,
): { before: Partial<Fields>; after: Partial<Fields> } {
  const changed = (Object.keys(after) as (keyof Fields)[]).filter(
    (key) => after[key] !== undefined && !sameValue(before[key], after[key]),
  );
  return {
    before: Object.fromEntries(changed.map((key) => [key, before[key]])) as Partial<Fields>,
    after: Object.fromEntries(changed.map((key) => [key, after[key]])) as Partial<Fields>,
  };
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The entries of `fields` that are not undefined (a PATCH's given fields). */
export function definedOnly<Fields extends Record<string, unknown>>(
  fields: Fields,
): Partial<Fields> {
  return Object.fromEntries(
    Object.entries(fields).filter(([, value]) => value !== undefined),
  ) as Partial<Fields>;
}
