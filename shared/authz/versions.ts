import { AUTHZ_EPOCH_KEY, principalVersionKey } from '../cache/keys.js';
import type { Services } from '../http/context.js';

/** The counters a cached decision context was built under; null when the key is absent. */
export interface Versions {
  epoch: number | null;
  principal: number | null;
}

/** Reads the epoch and the principal's version in one trip; undefined if the cache is down. */
export async function readVersions(
  services: Services,
  kind: 'user' | 'application',
  id: string,
): Promise<Versions | undefined> {
  try {
    const [epoch, principal] = await services
      .cache()
      .mget<(number | null)[]>(AUTHZ_EPOCH_KEY, principalVersionKey(kind, id));
    return { epoch: epoch ?? null, principal: principal ?? null };
  } catch {
    return undefined;
  }
}

/** Invalidates every cached decision context (any identity change). */
export async function bumpEpoch(services: Services): Promise<void> {
  await services.cache().incr(AUTHZ_EPOCH_KEY);
}

/** Invalidates one principal's cached decision contexts (its sessions or tokens were revoked). */
export async function bumpPrincipal(
  services: Services,
  kind: 'user' | 'application',
  id: string,
): Promise<void> {
  try {
    await services.cache().incr(principalVersionKey(kind, id));
  } catch (error) {
    // Revocation is already in Postgres; a stale context lives at most CONTEXT_MAX_AGE_MS.
    services.log.error('authz_version_bump_failed', { kind, id, error });
  }
}
