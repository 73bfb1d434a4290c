import { AppError } from '../../../shared/errors.js';
import { recordAudit } from '../../../shared/store/audit.js';
import {
  attemptKeys,
  clearFailures,
  readAttempts,
  recordFailure,
} from '../../../shared/store/sign-in-attempts.js';
import { auditEvent, type GrantContext } from './context.js';

/**
 * Failures of one account from anywhere, past which IPs that already failed for it get no more
 * tries (the softer per-account throttle: a clean IP, such as the owner's, still may sign in).
 */
export const ACCOUNT_THROTTLE_FAILURES = 20;

/**
 * SPEC §3.1 lockout, kept in Postgres so it survives a cache outage. Keyed per account and
 * client IP, so an attacker elsewhere cannot lock the owner out. Locked → 429 AUT-1006 with
 * Retry-After, before the password is even looked at.
 */
export async function checkLockout(context: GrantContext, username: string): Promise<void> {
  const { services, now } = context;
  const keys = attemptKeys(username, context.ip);
  const state = await readAttempts(services.db(), keys, windowStart(context));

  const locked = state.lockedUntil && state.lockedUntil > now ? state.lockedUntil : undefined;
  const throttled =
    state.accountFailures >= ACCOUNT_THROTTLE_FAILURES && state.accountIpFailures > 0;
  if (!locked && !throttled) {
    return;
  }

  const until = locked ?? new Date(now.getTime() + services.config.lockoutMinutes * 60_000);
  const retryAfter = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
  throw new AppError('account_locked', {
    reason: locked ? 'account_ip_locked' : 'account_throttled',
    headers: { 'Retry-After': String(retryAfter) },
  });
}

/** Counts a failed sign-in and audits it, and the lockout when this failure triggers one. */
export async function countFailure(
  context: GrantContext,
  username: string,
  userId: string | undefined,
): Promise<void> {
  const { services, now } = context;
  const { lockoutThreshold, lockoutMinutes } = services.config;
  const failures = await recordFailure(services.db(), attemptKeys(username, context.ip), {
    now,
    windowStart: windowStart(context),
    threshold: lockoutThreshold,
    lockedUntil: new Date(now.getTime() + lockoutMinutes * 60_000),
  });

  const actor = { type: 'anonymous' } as const;
  const target = userId ? { type: 'user', id: userId } : undefined;
  const events = [
    auditEvent(context, 'sign_in.failed', actor, {
      ...(target ? { target } : {}),
      details: { reason: userId ? 'wrong_password' : 'unknown_user', failures },
    }),
  ];
  if (failures === lockoutThreshold) {
    events.push(
      auditEvent(context, 'sign_in.locked', actor, {
        ...(target ? { target } : {}),
        details: { minutes: lockoutMinutes },
      }),
    );
  }
  await recordAudit(services.db(), ...events);
}

/** A successful sign-in clears this IP's counter for the account. */
export async function forgetFailures(context: GrantContext, username: string): Promise<void> {
  await clearFailures(context.services.db(), attemptKeys(username, context.ip));
}

function windowStart(context: GrantContext): Date {
  return new Date(context.now.getTime() - context.services.config.lockoutMinutes * 60_000);
}
