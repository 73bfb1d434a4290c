/** Why a call to the auth function failed, as lib-auth sees it. */
export type LibAuthErrorKind =
  /** Auth could not be reached, timed out, failed (5xx) or answered something unreadable. */
  | 'unavailable'
  /** Auth answered and refused the request (4xx); `code` carries its compat code. */
  | 'rejected'
  /** The library is not configured for the call (e.g. no `PLUGIN_AUTH_ADDRESS`). */
  | 'not_configured';

/** The one error type lib-auth throws; the precise reason is for logs. */
export class LibAuthError extends Error {
  readonly kind: LibAuthErrorKind;
  readonly reason: string;
  /** HTTP status of auth's answer, when there was one. */
  readonly status?: number;
  /** Compat `code` of auth's error body (`AUT-1004`, ...), when there was one. */
  readonly code?: string;

  constructor(
    kind: LibAuthErrorKind,
    reason: string,
    details: { status?: number; code?: string; cause?: unknown } = {},
  ) {
    super(`lib-auth: ${kind} (${reason})`, { cause: details.cause });
    this.name = 'LibAuthError';
    this.kind = kind;
    this.reason = reason;
    this.status = details.status;
    this.code = details.code;
  }
}

/** Thrown by `createLibAuth` when its environment does not parse; lists every bad variable. */
export class LibAuthConfigError extends Error {
  readonly issues: readonly string[];

  constructor(issues: readonly string[]) {
    super(`lib-auth: invalid configuration: ${issues.join('; ')}`);
    this.name = 'LibAuthConfigError';
    this.issues = issues;
  }
}
