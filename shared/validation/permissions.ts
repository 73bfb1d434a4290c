import { z } from 'zod';
import { ACTIONS, PRODUCTS } from '../policy/catalog.js';
import { WILDCARD, type Permission } from '../policy/evaluate.js';

const products: readonly string[] = Object.keys(PRODUCTS);
const resourcesOf = new Map<string, readonly string[]>(Object.entries(PRODUCTS));
const everyResource = new Set<string>(Object.values(PRODUCTS).flat());
const actions: readonly string[] = ACTIONS;

/**
 * Whether a permission names only what the catalogue knows (SPEC §6), with `*` allowed for the
 * product, the resource or the action. A resource must belong to its product unless the
 * product is `*`.
 */
export function isKnownPermission(permission: Permission): boolean {
  const { product, resource, action } = permission;
  if (product !== WILDCARD && !products.includes(product)) {
    return false;
  }
  if (action !== WILDCARD && !actions.includes(action)) {
    return false;
  }
  if (resource === WILDCARD) {
    return true;
  }
  if (product === WILDCARD) {
    return everyResource.has(resource);
  }
  return resourcesOf.get(product)?.includes(resource) ?? false;
}

/** Removes repeated permissions, keeping the first of each. */
export function dedupePermissions(permissions: readonly Permission[]): Permission[] {
  const seen = new Set<string>();
  return permissions.filter((permission) => {
    const key = `${permission.product}\u0000${permission.resource}\u0000${permission.action}`;
    if (seen.has(key)) {
      return false;
    }
    seen.add(key);
    return true;
  });
}

const word = z.string().min(1).max(64);

/** One `{product, resource, action}` of a custom role; lowercase, known to the catalogue. */
export const permission = z
  .strictObject({ product: word, resource: word, action: word })
  .refine(isKnownPermission, 'not a product, resource and action of the catalogue');

/** A role's permissions: 1–500 entries, duplicates dropped. */
export const permissionList = z.array(permission).min(1).max(500).transform(dedupePermissions);
