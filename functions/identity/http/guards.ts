import { createMiddleware } from 'hono/factory';
import { AppError } from '../../../shared/errors.js';
import type { PrincipalEnv } from '../../../shared/http/bearer.js';
import { requirePermission, type PermissionEnv } from '../../../shared/http/permission.js';
import type { PRODUCTS } from '../../../shared/policy/catalog.js';
import { isAllowed } from '../../../shared/policy/evaluate.js';
import { loadPermissions } from '../../../shared/store/rbac.js';
import { readId } from './input.js';

/** The product every identity permission belongs to (SPEC §4, §6). */
export const IDENTITY_PRODUCT = 'plugin-identity';

/** Resources of `plugin-identity`. */
export type IdentityResource = (typeof PRODUCTS)['plugin-identity'][number];

/** Actions are the route's lowercase HTTP verb. */
export type IdentityAction = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** Function-level authorization: the caller must hold `plugin-identity:<resource>:<action>`. */
export function allow(resource: IdentityResource, action: IdentityAction) {
  return requirePermission({ product: IDENTITY_PRODUCT, resource, action });
}

/**
 * Like `allow`, but a principal of `selfKind` whose id is the `:id` path parameter passes
 * without the permission: everyone may read itself (object-level, SPEC §4).
 */
export function allowSelfOr(
  resource: IdentityResource,
  action: IdentityAction,
  selfKind: 'user' | 'application',
) {
  return createMiddleware<PermissionEnv>(async (c, next) => {
    const { principal } = c.var;
    const permissions = await loadPermissions(c.var.services.db(), principal);
    const self = principal.kind === selfKind && principal.id === c.req.param('id')?.toLowerCase();
    const wanted = { product: IDENTITY_PRODUCT, resource, action };

    if (!self && !isAllowed(permissions, wanted)) {
      throw new AppError('forbidden', {
        reason: `missing ${IDENTITY_PRODUCT}:${resource}:${action}`,
      });
    }
    c.set('permissions', permissions);
    await next();
  });
}

/**
 * Self-service only: the `:id` path parameter (a UUID, else `IDE-0003`) must be the calling
 * person (`IDE-0013`).
 */
export function requireSelf() {
  return createMiddleware<PrincipalEnv>(async (c, next) => {
    const { principal } = c.var;
    if (principal.kind !== 'user' || principal.id !== readId(c)) {
      throw new AppError('not_owner', {
        reason: 'not_self',
        message: 'The id does not match the owner of the token.',
      });
    }
    await next();
  });
}
