import { createLocalJWKSet, errors, type JSONWebKeySet, type JWSHeaderParameters } from 'jose';
import { LibAuthError } from './errors.js';
import { askAuth, type Transport } from './transport.js';

/** Keys are refetched after this long: auth serves the JWKS with `max-age=300`. */
export const JWKS_MAX_AGE_MS = 300_000;

/**
 * At most one fetch of the JWKS per this interval, whatever tokens arrive: an unknown `kid`
 * (a key rotated in) triggers a refetch, but forged kids cannot turn into a flood.
 */
export const JWKS_MIN_REFETCH_MS = 5_000;

type KeySet = ReturnType<typeof createLocalJWKSet>;

/** Auth's public keys, cached per lib-auth instance. The clock is in milliseconds. */
export class JwksCache {
  private keys?: KeySet;
  private fetchedAt = Number.NEGATIVE_INFINITY;
  private attemptedAt = Number.NEGATIVE_INFINITY;
  private loading?: Promise<KeySet>;

  constructor(
    private readonly transport: Transport,
    private readonly now: () => number,
  ) {}

  /** The key a token's header names; throws jose's errors for a kid auth does not publish. */
  async keyFor(header: JWSHeaderParameters): Promise<CryptoKey> {
    const keys = await this.load(false);
    try {
      return await keys(header);
    } catch (error) {
      if (!(error instanceof errors.JWKSNoMatchingKey)) {
        throw error;
      }
    }
    const fresh = await this.load(true);
    return fresh(header);
  }

  /** The key set; refetched when older than the max age, or when `unknownKid` asks for it. */
  private async load(unknownKid: boolean): Promise<KeySet> {
    const now = this.now();
    if (this.keys && !unknownKid && now - this.fetchedAt < JWKS_MAX_AGE_MS) {
      return this.keys;
    }
    if (this.loading) {
      return this.loading;
    }

    if (now - this.attemptedAt < JWKS_MIN_REFETCH_MS) {
      if (this.keys) {
        return this.keys;
      }
      throw new LibAuthError('unavailable', 'keys_unavailable');
    }

    this.attemptedAt = now;
    this.loading = this.fetchKeys().finally(() => {
      this.loading = undefined;
    });
    try {
      return await this.loading;
    } catch (error) {
      // Keys that merely aged are still auth's keys; an outage does not turn them away.
      if (this.keys && !unknownKid) {
        return this.keys;
      }
      throw error;
    }
  }

  private async fetchKeys(): Promise<KeySet> {
    const answer = await askAuth(this.transport, '/.well-known/jwks.json', { method: 'GET' });
    if (answer.status !== 200 || !isKeySet(answer.body)) {
      throw new LibAuthError('unavailable', 'keys_unavailable', { status: answer.status });
    }
    this.keys = createLocalJWKSet(answer.body);
    this.fetchedAt = this.now();
    return this.keys;
  }
}

function isKeySet(value: unknown): value is JSONWebKeySet {
  if (!value || typeof value !== 'object' || !('keys' in value) || !Array.isArray(value.keys)) {
    return false;
  }
  return value.keys.every(
    (key: unknown) =>
      !!key && typeof key === 'object' && 'kty' in key && typeof key.kty === 'string',
  );
}
