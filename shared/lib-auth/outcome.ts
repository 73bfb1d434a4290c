/** Why a request was refused although the token was fine: the policy said no. */
export type DenyReason =
  /** Auth (remote) or the permission map (offline) does not grant the action. */
  | 'policy_denied'
  /** Auth answered 404: the subject lib-auth named does not exist. */
  | 'subject_not_found'
  /** Auth refused the question itself (403 or another 4xx). */
  | 'refused_by_auth';

/** Why the caller is not authenticated. */
export type UnauthenticatedReason =
  | 'token_missing'
  /** Not a compact JWS of bounded size, or its claims do not decode. */
  | 'token_malformed'
  /** A person's token without `sub` or `owner` (COMPAT.md: refused locally). */
  | 'subject_missing'
  /** Auth answered 401: invalid, expired or revoked. */
  | 'token_rejected'
  /** Offline verification failed (signature, alg, typ, kid, exp, iss or aud). */
  | 'token_invalid';

/** Why no decision could be made; the request is refused (fail closed, SPEC §2.2). */
export type UnavailableReason =
  | 'auth_unreachable'
  | 'auth_timeout'
  | 'auth_failed'
  | 'bad_response'
  | 'keys_unavailable'
  | 'internal_error';

/** The result of one `check`. Only `allow` lets a request through. */
export type CheckOutcome =
  | { outcome: 'allow' }
  | { outcome: 'deny'; reason: DenyReason }
  | { outcome: 'unauthenticated'; reason: UnauthenticatedReason }
  | { outcome: 'unavailable'; reason: UnavailableReason };

/** What one protected operation needs: the caller's header and the permission asked for. */
export interface CheckRequest {
  /** The `Authorization` header as received: `Bearer <token>` or the bare token. */
  authorization: string | null | undefined;
  product: string;
  resource: string;
  action: string;
}

export const ALLOW: CheckOutcome = { outcome: 'allow' };

/** A refusal by policy. */
export const deny = (reason: DenyReason): CheckOutcome => ({ outcome: 'deny', reason });

/** A refusal for want of a valid token. */
export const unauthenticated = (reason: UnauthenticatedReason): CheckOutcome => ({
  outcome: 'unauthenticated',
  reason,
});

/** A refusal because nothing could be decided. */
export const unavailable = (reason: UnavailableReason): CheckOutcome => ({
  outcome: 'unavailable',
  reason,
});
