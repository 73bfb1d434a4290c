import type { Context } from 'hono';
import type { Principal } from '../../../shared/auth/principal.js';
import type { PrincipalEnv } from '../../../shared/http/bearer.js';
import { clientIp } from '../../../shared/http/client-ip.js';
import type { AuditEvent } from '../../../shared/store/audit.js';

/** What an identity change is done to. */
export type AuditTarget = {
  type: 'user' | 'group' | 'role' | 'application';
  id: string;
};

/**
 * An audit event for a change the caller makes: actor from the token, client IP from
 * `CF-Connecting-IP`, the request id; `details` hold non-secret before/after values only.
 */
export function auditEvent<E extends PrincipalEnv>(
  c: Context<E>,
  action: string,
  target: AuditTarget,
  details: Record<string, unknown> = {},
): AuditEvent {
  const principal: Principal = c.var.principal;
  const requestId: string = c.var.requestId;
  return {
    action,
    actor: { type: principal.kind, id: principal.id },
    target,
    clientIp: clientIp(c),
    requestId,
    details,
  };
}
