import { Hono } from 'hono';
import { hashPassword, verifyPassword } from '../../../shared/crypto/password.js';
import { AppError } from '../../../shared/errors.js';
import { requirePrincipal } from '../../../shared/http/bearer.js';
import type { AppEnv } from '../../../shared/http/context.js';
import { clientIp } from '../../../shared/http/client-ip.js';
import { recordAudit } from '../../../shared/store/audit.js';
import {
  attemptKeys,
  clearFailures,
  readAttempts,
  recordFailure,
} from '../../../shared/store/sign-in-attempts.js';
import { revokeUserSessions } from '../../../shared/store/sessions.js';
import { findPasswordHash, setPasswordHash } from '../../../shared/store/users.js';
import { resetPasswordBody, updatePasswordBody } from '../../../shared/validation/users.js';
import { manageableUser } from '../lookups.js';
import { assertPasswordLength, passwordHashing } from '../domain/passwords.js';
import { auditEvent } from '../http/audit.js';
import { allow, requireSelf } from '../http/guards.js';
import { readBody, readId } from '../http/input.js';

/** Password changes: the person's own (compat `update-password`) and an admin's reset. */
export const userPasswords = new Hono<AppEnv>();

/**
 * Self only (`IDE-0013` otherwise), with the old password; every other session of the person
 * is revoked, the one making the change stays signed in.
 */
userPasswords.patch(
  '/v1/users/:id/update-password',
  requirePrincipal(),
  requireSelf(),
  async (c) => {
    const id = readId(c);
    const body = await readBody(c, updatePasswordBody);
    assertPasswordLength(body.newPassword, 'newPassword');
    const { db, config } = c.var.services;
    const hashing = passwordHashing(config);

    const stored = await findPasswordHash(db(), id);
    if (!stored) {
      throw new AppError('user_not_found', { reason: 'user_not_found' });
    }
    // A stolen access token must not become a password-guessing oracle: failed old-password
    // checks count like failed sign-ins (per person and client IP) and lock the same way.
    const now = new Date();
    const keys = attemptKeys(`user-id:${id}`, clientIp(c));
    const windowStart = new Date(now.getTime() - config.lockoutMinutes * 60_000);
    const attempts = await readAttempts(db(), keys, windowStart);
    if (attempts.lockedUntil && attempts.lockedUntil > now) {
      const retryAfter = Math.ceil((attempts.lockedUntil.getTime() - now.getTime()) / 1000);
      throw new AppError('account_locked', {
        reason: 'old_password_locked',
        headers: { 'Retry-After': String(retryAfter) },
      });
    }
    const verification = await verifyPassword(body.oldPassword, stored, hashing);
    if (!verification.ok) {
      await recordFailure(db(), keys, {
        now,
        windowStart,
        threshold: config.lockoutThreshold,
        lockedUntil: new Date(now.getTime() + config.lockoutMinutes * 60_000),
      });
      throw new AppError('invalid_field', {
        reason: 'old_password_mismatch',
        message: 'oldPassword is not the current password.',
      });
    }
    await clearFailures(db(), keys);

    const hash = await hashPassword(body.newPassword, hashing);
    await db().transaction(async (tx) => {
      await setPasswordHash(tx, id, hash);
      const revoked = await revokeUserSessions(tx, id, 'password_changed', {
        keepSessionId: c.var.principal.kind === 'user' ? c.var.principal.sessionId : undefined,
      });
      await recordAudit(
        tx,
        auditEvent(c, 'user.password_changed', { type: 'user', id }, { sessionsRevoked: revoked }),
      );
    });
    return c.body(null, 204);
  },
);

/** An administrator sets a new password; every session of the person is revoked. */
userPasswords.patch(
  '/v1/users/:id/reset-password',
  requirePrincipal(),
  allow('reset-password', 'patch'),
  async (c) => {
    const id = readId(c);
    const body = await readBody(c, resetPasswordBody);
    assertPasswordLength(body.newPassword, 'newPassword');
    const db = c.var.services.db();

    await manageableUser(db, c.var.permissions, id);

    const hash = await hashPassword(body.newPassword, passwordHashing(c.var.services.config));
    await db.transaction(async (tx) => {
      await setPasswordHash(tx, id, hash);
      const revoked = await revokeUserSessions(tx, id, 'password_reset');
      await recordAudit(
        tx,
        auditEvent(c, 'user.password_reset', { type: 'user', id }, { sessionsRevoked: revoked }),
      );
    });
    return c.body(null, 204);
  },
);
