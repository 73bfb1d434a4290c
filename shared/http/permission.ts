import { createMiddleware } from 'hono/factory';
import { AppError } from '../errors.js';
import { isAllowed, type Permission } from '../policy/evaluate.js';
import { loadPermissions } from '../store/rbac.js';
import type { PrincipalEnv } from './bearer.js';

export type PermissionEnv = PrincipalEnv & {
  Variables: PrincipalEnv['Variables'] & { permissions: Permission[] };
};

/**
 * Requires that the caller (after `requirePrincipal`) holds `wanted`; 403 otherwise. Leaves the
 * caller's whole permission set in `c.var.permissions` for escalation checks.
 */
export function requirePermission(wanted: Permission) {
  return createMiddleware<PermissionEnv>(async (c, next) => {
    const permissions = await loadPermissions(c.var.services.db(), c.var.principal);
    if (!isAllowed(permissions, wanted)) {
      throw new AppError('forbidden', {
        reason: `missing ${wanted.product}:${wanted.resource}:${wanted.action}`,
      });
    }
    c.set('permissions', permissions);
    await next();
  });
}
