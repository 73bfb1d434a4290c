import type { Logger } from '../log.js';
import type { LibAuthConfig } from './config.js';
import {
  ALLOW,
  unauthenticated,
  unavailable,
  type CheckOutcome,
  type CheckRequest,
} from './outcome.js';
import type { Decider } from './remote.js';
import { readToken } from './token.js';

/** Decides one request; never throws (any failure is a refusal, SPEC §2.2). */
export type Check = (request: CheckRequest) => Promise<CheckOutcome>;

/** What `createCheck` wires together. */
export interface CheckDeps {
  config: LibAuthConfig;
  decide: Decider;
  log: Logger;
}

/**
 * The framework-free decision: disabled → allow; no usable token → unauthenticated; otherwise
 * the mode's decider answers. Resource, action and product are compared lowercase (COMPAT.md).
 */
export function createCheck(deps: CheckDeps): Check {
  return async (request) => {
    if (!deps.config.enabled) {
      return ALLOW;
    }

    const read = readToken(request.authorization);
    if (!read.ok) {
      return report(deps.log, request, unauthenticated(read.reason));
    }

    const wanted: CheckRequest = {
      authorization: request.authorization,
      product: request.product.toLowerCase(),
      resource: request.resource.toLowerCase(),
      action: request.action.toLowerCase(),
    };
    try {
      return report(deps.log, wanted, await deps.decide(read.token, wanted));
    } catch (error) {
      deps.log.error('lib_auth_failed', { error, mode: deps.config.mode });
      return report(deps.log, wanted, unavailable('internal_error'));
    }
  };
}

/** Logs every refusal (outages louder than denials) and passes the outcome on. */
function report(log: Logger, request: CheckRequest, outcome: CheckOutcome): CheckOutcome {
  if (outcome.outcome === 'allow') {
    return outcome;
  }
  const { product, resource, action } = request;
  const fields = { outcome: outcome.outcome, reason: outcome.reason, product, resource, action };
  if (outcome.outcome === 'unavailable') {
    log.warn('lib_auth_unavailable', fields);
  } else {
    log.info('lib_auth_refused', fields);
  }
  return outcome;
}
