import { AppError } from '../../../shared/errors.js';
import { coversAll, type Permission } from '../../../shared/policy/evaluate.js';

/**
 * No privilege escalation (SPEC §6): a caller may only grant, revoke or manage permissions it
 * holds itself — putting someone in a group, giving a role to a group or an application,
 * writing a role's permissions, or acting on a principal that holds them. `what` names the
 * check for the log.
 */
export function assertHoldsAll(
  caller: readonly Permission[],
  requested: readonly Permission[],
  what: string,
): void {
  if (!coversAll(caller, requested)) {
    throw new AppError('forbidden', {
      reason: `escalation:${what}`,
      message: 'You cannot grant or manage permissions you do not hold yourself.',
    });
  }
}

/** What a replacement of a set changes: ids added and ids removed. */
export function setChanges(
  before: readonly string[],
  after: readonly string[],
): { added: string[]; removed: string[] } {
  return {
    added: after.filter((id) => !before.includes(id)),
    removed: before.filter((id) => !after.includes(id)),
  };
}
