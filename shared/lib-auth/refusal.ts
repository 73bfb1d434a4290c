import { LibAuthError } from './errors.js';
import { deny, unauthenticated, unavailable, type CheckOutcome } from './outcome.js';

/**
 * Maps an answer of auth other than 200: 401 names a bad token, 404 an unknown subject, other
 * 4xx refuse the question; 408, 429 and 5xx mean auth could not decide (fail closed).
 */
export function outcomeOfStatus(status: number): CheckOutcome {
  if (status === 401) {
    return unauthenticated('token_rejected');
  }
  if (status === 404) {
    return deny('subject_not_found');
  }
  if (status >= 400 && status < 500 && status !== 408 && status !== 429) {
    return deny('refused_by_auth');
  }
  return unavailable('auth_failed');
}

/** Turns a failure to reach auth into an outcome; any other error is rethrown. */
export function outcomeOfFailure(error: unknown): CheckOutcome {
  if (error instanceof LibAuthError && error.kind === 'unavailable') {
    return unavailable(error.reason === 'auth_timeout' ? 'auth_timeout' : 'auth_unreachable');
  }
  throw error;
}
