/** The products, resources and actions of the ledger platform (SPEC §6). */

/** Actions are lowercase HTTP verbs. */
export const ACTIONS = ['get', 'post', 'put', 'patch', 'delete', 'head'] as const;
export type Action = (typeof ACTIONS)[number];

export const PRODUCTS = {
  midaz: [
    'organizations',
    'ledgers',
    'assets',
    'portfolios',
    'segments',
    'accounts',
    'asset-rates',
    'balances',
    'transactions',
    'operations',
    'holders',
    'instruments',
    'settings',
  ],
  routing: ['account-types', 'operation-routes', 'transaction-routes'],
  'plugin-crm': ['holders', 'aliases'],
  'plugin-fees': ['packages', 'fees', 'estimates'],
  'plugin-smart-templates': ['templates', 'reports', 'data-source'],
  'plugin-identity': [
    'users',
    'groups',
    'roles',
    'applications',
    'update-password',
    'reset-password',
    'audit-events',
  ],
} as const satisfies Record<string, readonly string[]>;

export type Product = keyof typeof PRODUCTS;

/** The three seeded levels and the actions each allows. */
export const LEVELS = {
  editor: ACTIONS,
  contributor: ['get', 'post', 'patch', 'head'],
  viewer: ['get', 'head'],
} as const satisfies Record<string, readonly Action[]>;

export type Level = keyof typeof LEVELS;

/** The group every seeded editor role belongs to; the first admin is its member. */
export const ADMIN_GROUP = 'admin-group';

/** `<product>-<level>-role` */
export function roleName(product: string, level: Level): string {
  return `${product}-${level}-role`;
}

/** `<product>-<level>-group` */
export function groupName(product: string, level: Level): string {
  return `${product}-${level}-group`;
}
