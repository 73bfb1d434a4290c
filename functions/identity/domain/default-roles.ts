import { LEVELS, PRODUCTS, roleName, type Level } from '../../../shared/policy/catalog.js';
import { coversAll, type Permission } from '../../../shared/policy/evaluate.js';

/** Levels from most to least: the first one the caller holds wins. */
const DESCENDING: readonly Level[] = ['editor', 'contributor', 'viewer'];

/** The permissions of a seeded `<product>-<level>-role`, from the catalogue (SPEC §6). */
export function seededRolePermissions(product: keyof typeof PRODUCTS, level: Level): Permission[] {
  return PRODUCTS[product].flatMap((resource) =>
    LEVELS[level].map((action) => ({ product, resource, action })),
  );
}

/**
 * The role a new application gets when its name is a product of the catalogue: that product's
 * editor role (SPEC §4), or — since nobody grants more than they hold — the highest seeded
 * level of it the caller holds. Undefined when the name is no product or the caller holds none.
 */
export function defaultApplicationRole(
  applicationName: string,
  caller: readonly Permission[],
): string | undefined {
  const product = Object.keys(PRODUCTS).find((name) => name === applicationName.toLowerCase());
  if (!product) {
    return undefined;
  }
  const level = DESCENDING.find((candidate) =>
    coversAll(caller, seededRolePermissions(product as keyof typeof PRODUCTS, candidate)),
  );
  return level ? roleName(product, level) : undefined;
}
