import { z } from 'zod';
import { cacheControl, type RouteDoc } from '../../../shared/openapi/operation.js';
import type { PathItem } from '../../../shared/openapi/types.js';
import { BEARER, compatOperation as operation } from './operation.js';
import { decisionName, decisionRequest } from '../routes/authorize.js';

// The same schemas the route validates with, so the document cannot drift from it.
const permissionsQuery = z.object({ product: decisionName.optional() });

const TOKEN =
  'The token comes as `Authorization: Bearer <token>`, or raw (without `Bearer`, as the Go ' +
  'lib-auth sends it).';
const NO_STORE = cacheControl('no-store');

function permissions(id: string): RouteDoc {
  return {
    id,
    summary: "The token's principal's permissions, `{resource: [actions]}`, for one product or all",
    tag: 'decisions',
    description: `${TOKEN} The console uses it to show or hide features.`,
    security: BEARER,
    query: permissionsQuery,
    ok: { status: 200, schema: 'PermissionMap', headers: NO_STORE },
    errors: [503],
    notes: { 400: 'Invalid query parameter `product` (AUT-0004)' },
  };
}

/** The compat decision routes the Go lib-auth and the console call (SPEC §3.4). */
export const decisionPaths: Record<string, PathItem> = {
  '/v1/authorize': {
    post: operation({
      id: 'authorize',
      summary: "Whether the token's principal may do `action` on `resource` of `product`",
      tag: 'decisions',
      description:
        `${TOKEN} A denial is 200 with \`authorized: false\`, and so is a \`sub\` naming ` +
        "another principal than the token's (the legacy M2M form is honoured only for an " +
        'application token holding that role).',
      security: BEARER,
      body: decisionRequest,
      ok: { status: 200, schema: 'Decision', headers: NO_STORE },
      errors: [404, 413, 503],
      notes: {
        400:
          'Invalid input: AUT-0001 (malformed JSON, a field missing or invalid), ' +
          'AUT-0003 (unknown field)',
        404: 'AUT-1015: `sub` names nobody',
      },
    }),
  },
  '/v1/permissions': { get: operation(permissions('permissions')) },
  '/v1/permissions/': { get: operation(permissions('permissionsTrailingSlash')) },
};
