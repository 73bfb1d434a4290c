import { z } from 'zod';
import { unavailable, type CheckOutcome } from './outcome.js';
import { outcomeOfStatus } from './refusal.js';
import { askAuth, type Transport } from './transport.js';

/** The console's permission map (SPEC §3.4): `{resource: [action, ...]}` for one product. */
export type PermissionMap = Record<string, string[]>;

const WILDCARD = '*';

const permissionMap = z.record(z.string(), z.array(z.string()));

/** A token's permission map, or the outcome that refuses the request. */
export type FetchedPermissions =
  { ok: true; map: PermissionMap } | { ok: false; outcome: CheckOutcome };

/**
 * `GET /v1/permissions?product=<product>` with the caller's token. Auth checks the token's
 * liveness here, so a revoked token gets a 401: this call is how offline mode learns of it.
 */
export async function fetchPermissions(
  transport: Transport,
  token: string,
  product: string,
): Promise<FetchedPermissions> {
  const path = `/v1/permissions?product=${encodeURIComponent(product)}`;
  const answer = await askAuth(transport, path, {
    method: 'GET',
    headers: { Authorization: `Bearer ${token}` },
  });

  if (answer.status !== 200) {
    return { ok: false, outcome: outcomeOfStatus(answer.status) };
  }
  const parsed = permissionMap.safeParse(answer.body);
  if (!parsed.success) {
    return { ok: false, outcome: unavailable('bad_response') };
  }
  return { ok: true, map: parsed.data };
}

/** Whether `map` grants `action` on `resource`; `*` as a resource or action matches anything. */
export function permits(map: PermissionMap, resource: string, action: string): boolean {
  const grants = (key: string) => {
    const actions = Object.hasOwn(map, key) ? map[key] : undefined;
    return actions !== undefined && (actions.includes(action) || actions.includes(WILDCARD));
  };
  return grants(resource) || grants(WILDCARD);
}
