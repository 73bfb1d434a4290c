import { inArray, sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { signInAttempts } from '../db/schema.js';

/** Failure counters for one account from one IP, and for the account from anywhere. */
export interface AttemptKeys {
  accountIp: string;
  account: string;
}

/** Keys for an account name (normalized, so unknown names are throttled exactly alike). */
export function attemptKeys(username: string, ip: string): AttemptKeys {
  const account = username.normalize('NFKC').toLowerCase();
  return { accountIp: `account:${account}:ip:${ip}`, account: `account:${account}` };
}

export interface AttemptState {
  accountIpFailures: number;
  accountFailures: number;
  lockedUntil: Date | undefined;
}

/** Reads both counters; failures older than the window count as zero. */
export async function readAttempts(
  db: Database,
  keys: AttemptKeys,
  windowStart: Date,
): Promise<AttemptState> {
  const rows = await db
    .select()
    .from(signInAttempts)
    .where(inArray(signInAttempts.key, [keys.accountIp, keys.account]));
  const live = (key: string) => {
    const row = rows.find((candidate) => candidate.key === key);
    return row && row.windowStartedAt >= windowStart ? row : undefined;
  };
  const accountIp = live(keys.accountIp);
  return {
    accountIpFailures: accountIp?.failures ?? 0,
    accountFailures: live(keys.account)?.failures ?? 0,
    lockedUntil: accountIp?.lockedUntil ?? undefined,
  };
}

/**
 * Counts a failure on both keys in one statement each (atomic under concurrency) and locks
 * the account+IP key when it reaches `threshold`. Returns the account+IP failure count.
 */
export async function recordFailure(
  db: Database,
  keys: AttemptKeys,
  options: { now: Date; windowStart: Date; threshold: number; lockedUntil: Date },
): Promise<number> {
  const { now, windowStart, threshold, lockedUntil } = options;
  const bump = (key: string, lockAt: number | null) => sql`
    insert into ${signInAttempts} (key, failures, window_started_at, locked_until)
    values (${key}, 1, ${now}, null)
    on conflict (key) do update set
      failures = case when ${signInAttempts.windowStartedAt} < ${windowStart}
        then 1 else ${signInAttempts.failures} + 1 end,
      window_started_at = case when ${signInAttempts.windowStartedAt} < ${windowStart}
        then excluded.window_started_at else ${signInAttempts.windowStartedAt} end,
      locked_until = case
        when ${lockAt}::int is not null
          and (case when ${signInAttempts.windowStartedAt} < ${windowStart}
          then 1 else ${signInAttempts.failures} + 1 end) >= ${lockAt}::int
        then ${lockedUntil} else ${signInAttempts.lockedUntil} end
    returning failures`;

  const result = await db.execute<{ failures: number }>(bump(keys.accountIp, threshold));
  await db.execute(bump(keys.account, null));
  return Number(result.rows[0]?.failures ?? 0);
}

/** Clears the account+IP counter after a successful sign-in. */
export async function clearFailures(db: Database, keys: AttemptKeys): Promise<void> {
  await db.delete(signInAttempts).where(inArray(signInAttempts.key, [keys.accountIp]));
}
