import type { Services } from '../../../shared/http/context.js';
import type { AuditActor, AuditEvent } from '../../../shared/store/audit.js';
import type { TokenRequest } from '../token/request.js';

/** Everything a grant handler needs, so it reads as the RFC's steps and nothing else. */
export interface GrantContext {
  services: Services;
  request: TokenRequest;
  ip: string;
  requestId: string;
  now: Date;
  /** Which wire route the request came through (the compat refresh route allows public use). */
  route: 'oauth' | 'compat' | 'compat-refresh';
}

/** An audit event stamped with the request's IP and id. */
export function auditEvent(
  context: GrantContext,
  action: string,
  actor: AuditActor,
  rest: Omit<AuditEvent, 'action' | 'actor' | 'clientIp' | 'requestId'> = {},
): AuditEvent {
  return { action, actor, clientIp: context.ip, requestId: context.requestId, ...rest };
}
