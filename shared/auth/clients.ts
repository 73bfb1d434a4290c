import { CLIENT_TTL_SECONDS, clientKey } from '../cache/keys.js';
import type { Services } from '../http/context.js';
import { findClient, type ClientRecord } from '../store/clients.js';

type CachedClient = Omit<ClientRecord, 'secrets'> & {
  secrets: { digest: string; expiresAt: string | null }[];
};

/**
 * A client by id: from the cache when present, else from Postgres (then cached for
 * CLIENT_TTL_SECONDS). Identity deletes the key whenever the application or its secrets change.
 * Only positive answers are cached, and callers re-read Postgres before refusing a secret, so the
 * cache can never make authentication fail that Postgres would pass.
 */
export async function loadClient(
  services: Services,
  clientId: string,
  options: { fresh?: boolean; peeked?: unknown } = {},
): Promise<ClientRecord | undefined> {
  if (!options.fresh) {
    // `peeked`: the cached value already read in another round trip (null: the key is absent).
    const cached =
      options.peeked === undefined
        ? await readCached(services, clientId)
        : decodeCached(options.peeked);
    if (cached) {
      return cached;
    }
  }

  const client = await findClient(services.db(), clientId);
  if (client) {
    services.defer(writeCached(services, client));
  }
  return client;
}

/** Drops a client's cached record (identity calls this on every change to the application). */
export async function forgetClient(services: Services, clientId: string): Promise<void> {
  await services.cache().del(clientKey(clientId));
}

async function readCached(services: Services, clientId: string): Promise<ClientRecord | undefined> {
  try {
    return decodeCached(await services.cache().get<unknown>(clientKey(clientId)));
  } catch {
    // A down cache only costs a Postgres query.
    return undefined;
  }
}

/** A cached record (the client may already have parsed the JSON), or undefined if unusable. */
function decodeCached(raw: unknown): ClientRecord | undefined {
  let value: unknown = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw);
    } catch {
      return undefined;
    }
  }
  if (!value || typeof value !== 'object' || !Array.isArray((value as CachedClient).secrets)) {
    return undefined;
  }
  const cached = value as CachedClient;
  return {
    ...cached,
    secrets: cached.secrets.map((secret) => ({
      digest: secret.digest,
      expiresAt: secret.expiresAt === null ? null : new Date(secret.expiresAt),
    })),
  };
}

async function writeCached(services: Services, client: ClientRecord): Promise<void> {
  const value: CachedClient = {
    ...client,
    secrets: client.secrets.map((secret) => ({
      digest: secret.digest,
      expiresAt: secret.expiresAt?.toISOString() ?? null,
    })),
  };
  await services.cache().set(clientKey(client.clientId), value, { ex: CLIENT_TTL_SECONDS });
}
