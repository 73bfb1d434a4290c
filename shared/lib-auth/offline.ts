import type { LibAuthConfig } from './config.js';
import { JwksCache } from './jwks.js';
import { verifyOffline } from './offline-verify.js';
import { ALLOW, deny } from './outcome.js';
import {
  fetchPermissions,
  permits,
  type FetchedPermissions,
  type PermissionMap,
} from './permissions.js';
import { outcomeOfFailure } from './refusal.js';
import type { Decider } from './remote.js';
import { createSingleFlight } from './single-flight.js';
import type { Transport } from './transport.js';
import { TtlCache } from './ttl-cache.js';

/** What an offline decider needs; the clock is in milliseconds. */
export interface OfflineDeps {
  config: LibAuthConfig;
  transport: Transport;
  now: () => number;
}

/**
 * Offline mode: the token is verified here against auth's cached JWKS, and the decision is
 * read from the token's permission map, fetched from auth once per token and product and then
 * reused for at most `maxStalenessSeconds` (never past the token's `exp`). That reuse is the
 * revocation bound: a revoked token keeps passing for at most that long.
 */
export function createOfflineDecider(deps: OfflineDeps): Decider {
  const keys = new JwksCache(deps.transport, deps.now);
  const maps = new TtlCache<PermissionMap>(deps.config.cacheMaxEntries);
  const fetchOnce = createSingleFlight<FetchedPermissions>();
  const ttlMs = deps.config.maxStalenessSeconds * 1000;

  return async (token, request) => {
    const verified = await verifyOffline(token, deps.config, keys, deps.now());
    if (!verified.ok) {
      return verified.outcome;
    }

    // Keyed by the token itself, never its subject: each token learns of its own revocation.
    // (The token is in this process's memory anyway; hashing it would cost more than the map.)
    const key = `${token}\n${request.product}`;
    const cached = maps.get(key, deps.now());
    const fetched: FetchedPermissions = cached
      ? { ok: true, map: cached }
      : await fetchOnce(key, () => fetchPermissions(deps.transport, token, request.product)).catch(
          (error: unknown) => ({ ok: false, outcome: outcomeOfFailure(error) }),
        );
    if (!fetched.ok) {
      return fetched.outcome;
    }

    if (!cached) {
      const now = deps.now();
      maps.set(key, fetched.map, Math.min(now + ttlMs, verified.claims.exp * 1000), now);
    }
    return permits(fetched.map, request.resource, request.action) ? ALLOW : deny('policy_denied');
  };
}
