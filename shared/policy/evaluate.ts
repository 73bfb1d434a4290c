/** RBAC evaluation: pure functions over a principal's permission set (SPEC §6). */

/** One thing a role allows; `*` in resource or action matches anything. */
export interface Permission {
  product: string;
  resource: string;
  action: string;
}

export const WILDCARD = '*';

/** Whether `granted` covers `wanted` (exact match, or a wildcard resource/action/product). */
export function covers(granted: Permission, wanted: Permission): boolean {
  return (
    matches(granted.product, wanted.product) &&
    matches(granted.resource, wanted.resource) &&
    matches(granted.action, wanted.action)
  );
}

/** Whether any permission in `set` covers `wanted`. There are no deny rules. */
export function isAllowed(set: readonly Permission[], wanted: Permission): boolean {
  return set.some((granted) => covers(granted, wanted));
}

/** Whether `holder` covers every permission in `requested` (no privilege escalation). */
export function coversAll(
  holder: readonly Permission[],
  requested: readonly Permission[],
): boolean {
  return requested.every((wanted) => isAllowed(holder, wanted));
}

/**
 * The console's permission map `{resource: [actions]}` (SPEC §3.4), optionally for one product.
 * Wildcards are kept as `*` so the caller sees exactly what is granted.
 */
export function permissionMap(
  set: readonly Permission[],
  product?: string,
): Record<string, string[]> {
  const map = new Map<string, Set<string>>();
  for (const permission of set) {
    if (product && !matches(permission.product, product)) {
      continue;
    }
    const actions = map.get(permission.resource) ?? new Set<string>();
    actions.add(permission.action);
    map.set(permission.resource, actions);
  }
  return Object.fromEntries(
    [...map.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([r, a]) => [r, [...a].sort()]),
  );
}

function matches(granted: string, wanted: string): boolean {
  return granted === WILDCARD || granted === wanted;
}
