import { Hono, type Context } from 'hono';
import { AppError } from '../../../shared/errors.js';
import { requirePrincipal } from '../../../shared/http/bearer.js';
import type { AppEnv } from '../../../shared/http/context.js';
import type { PermissionEnv } from '../../../shared/http/permission.js';
import { recordAudit } from '../../../shared/store/audit.js';
import { revokeUserSessions } from '../../../shared/store/sessions.js';
import { setBlocked } from '../../../shared/store/users.js';
import { manageableUser } from '../lookups.js';
import { auditEvent } from '../http/audit.js';
import { allow } from '../http/guards.js';
import { readId } from '../http/input.js';

/** Block, unblock and force logout (SPEC §4). Each is idempotent and answers 204. */
export const userLifecycle = new Hono<AppEnv>();

/**
 * Blocked: no new tokens (the token endpoint checks `blocked_at`), every session revoked, and
 * access tokens already out refused at once (bearer checks `blocked_at` on each call).
 */
userLifecycle.post('/v1/users/:id/block', requirePrincipal(), allow('users', 'post'), async (c) => {
  const id = await targetUser(c, 'block');
  const db = c.var.services.db();

  await db.transaction(async (tx) => {
    const changed = await setBlocked(tx, id, new Date());
    const revoked = await revokeUserSessions(tx, id, 'blocked');
    if (changed || revoked > 0) {
      await recordAudit(
        tx,
        auditEvent(c, 'user.blocked', { type: 'user', id }, { sessionsRevoked: revoked }),
      );
    }
  });
  return c.body(null, 204);
});

/** Unblocked: the person can sign in again; revoked sessions stay revoked. */
userLifecycle.post(
  '/v1/users/:id/unblock',
  requirePrincipal(),
  allow('users', 'post'),
  async (c) => {
    const id = await targetUser(c, 'unblock');
    const db = c.var.services.db();

    await db.transaction(async (tx) => {
      if (await setBlocked(tx, id, null)) {
        await recordAudit(tx, auditEvent(c, 'user.unblocked', { type: 'user', id }));
      }
    });
    return c.body(null, 204);
  },
);

/** Force logout: every session (refresh-token family) of the person is revoked. */
userLifecycle.post(
  '/v1/users/:id/logout',
  requirePrincipal(),
  allow('users', 'post'),
  async (c) => {
    const id = await targetUser(c, 'logout');
    const db = c.var.services.db();

    await db.transaction(async (tx) => {
      const revoked = await revokeUserSessions(tx, id, 'forced_logout');
      await recordAudit(
        tx,
        auditEvent(c, 'user.logged_out', { type: 'user', id }, { sessionsRevoked: revoked }),
      );
    });
    return c.body(null, 204);
  },
);

/**
 * The `:id` user, after the checks every lifecycle action shares: it exists, it is not the
 * caller blocking itself, and the caller holds everything the user holds.
 */
async function targetUser(c: Context<PermissionEnv>, action: string): Promise<string> {
  const id = readId(c);
  if (action !== 'logout' && c.var.principal.kind === 'user' && c.var.principal.id === id) {
    throw new AppError('forbidden', {
      reason: `self_${action}`,
      message: 'You cannot block or unblock your own user.',
    });
  }
  const db = c.var.services.db();

  await manageableUser(db, c.var.permissions, id);
  return id;
}
