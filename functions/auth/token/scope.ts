import { AppError } from '../../../shared/errors.js';

/** Scopes this server issues (OpenID Connect Core §5.4); authorization itself is RBAC. */
export const SUPPORTED_SCOPES = ['openid', 'profile', 'email'] as const;

/** Scopes a person's sign-in gets when none are asked for. */
export const DEFAULT_USER_SCOPE = 'openid profile email';

/**
 * The scope to grant: `requested` when every entry is within `allowed`, else `invalid_scope`
 * (RFC 6749 §3.3). No request means all of `allowed` (a refresh keeps the family's scope).
 */
export function grantScope(requested: string | undefined, allowed: string): string {
  const allowedSet = new Set(split(allowed));
  if (requested === undefined) {
    return [...allowedSet].join(' ');
  }
  const wanted = split(requested);
  const unknown = wanted.filter((scope) => !allowedSet.has(scope));
  if (unknown.length > 0) {
    throw new AppError('invalid_scope', {
      reason: 'scope_not_allowed',
      message: `Scope not allowed: ${unknown.join(' ').slice(0, 200)}`,
    });
  }
  return [...new Set(wanted)].join(' ');
}

function split(scope: string): string[] {
  return scope.split(' ').filter((part) => part.length > 0);
}
