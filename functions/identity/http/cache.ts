import { forgetClient } from '../../../shared/auth/clients.js';
import type { Services } from '../../../shared/http/context.js';

/**
 * Drops the auth side's cached client record after a committed change to the application
 * (deletion, secret rotation), so the token endpoint re-reads Postgres at once. Runs after the
 * commit: a read racing the transaction cannot re-cache the old state after this. If the cache
 * is unreachable the change still stands; the stale record then lives at most its TTL
 * (`CLIENT_TTL_SECONDS`), which is logged as an error to be seen.
 */
export async function forgetCachedClient(services: Services, clientId: string): Promise<void> {
  try {
    await forgetClient(services, clientId);
  } catch (error) {
    services.log.error('client_cache_forget_failed', { clientId, error });
  }
}
