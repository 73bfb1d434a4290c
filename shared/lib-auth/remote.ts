import type { LibAuthConfig } from './config.js';
import { requestDecision } from './decision-request.js';
import { sha256Hex } from './digest.js';
import { unauthenticated, type CheckOutcome, type CheckRequest } from './outcome.js';
import { outcomeOfFailure } from './refusal.js';
import { decisionSubject } from './subject.js';
import { readUnverifiedClaims } from './token.js';
import type { Transport } from './transport.js';
import { TtlCache } from './ttl-cache.js';

/** What a remote decider needs; the clock is in milliseconds. */
export interface RemoteDeps {
  config: LibAuthConfig;
  transport: Transport;
  now: () => number;
}

/** Decides one request for an already-read token. */
export type Decider = (token: string, request: CheckRequest) => Promise<CheckOutcome>;

/**
 * Remote mode: `POST /v1/authorize` per (token, product, resource, action), each answer
 * (allow or policy denial) reused for `decisionCacheSeconds`. Refusals for other reasons and
 * outages are never cached, so they are retried on the next request.
 */
export function createRemoteDecider(deps: RemoteDeps): Decider {
  const cache = new TtlCache<CheckOutcome>(deps.config.cacheMaxEntries);
  const ttlMs = deps.config.decisionCacheSeconds * 1000;

  return async (token, request) => {
    const claims = readUnverifiedClaims(token);
    if (!claims) {
      return unauthenticated('token_malformed');
    }
    const subject = decisionSubject(claims, request.product);
    if (!subject.ok) {
      return unauthenticated('subject_missing');
    }

    const key = await decisionKey(token, request);
    const cached = cache.get(key, deps.now());
    if (cached) {
      return cached;
    }

    const { product, resource, action } = request;
    const body = { sub: subject.sub, resource, action, product };
    const outcome = await requestDecision(deps.transport, token, body).catch(outcomeOfFailure);

    if (isCacheable(outcome)) {
      const now = deps.now();
      cache.set(key, outcome, now + ttlMs, now);
    }
    return outcome;
  };
}

/** SHA-256 of the token, then the permission asked for (identifiers never contain `\n`). */
async function decisionKey(token: string, request: CheckRequest): Promise<string> {
  const digest = await sha256Hex(token);
  return [digest, request.product, request.resource, request.action].join('\n');
}

function isCacheable(outcome: CheckOutcome): boolean {
  if (outcome.outcome === 'deny') {
    return outcome.reason === 'policy_denied';
  }
  return outcome.outcome === 'allow';
}
