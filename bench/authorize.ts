import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import pg from 'pg';
import { AUTHZ_EPOCH_KEY } from '../shared/cache/keys.js';
import type { AuthorizeFigures } from './authorize-report.js';
import { cpuDelta, sampleCpu } from './cpu.js';
import { basicAuth, type FormClient } from './http.js';
import { runClosedLoop } from './load.js';
import type { Credentials, PhaseContext, PhaseResult } from './phases.js';
import { phaseFigures } from './report.js';

/** A measured `/v1/authorize` phase, with the Postgres work it caused. */
export interface AuthorizeResult extends PhaseResult {
  /** Transactions of the bench database during the measured run (pg_stat_database). */
  postgresTransactions: number;
}

/** Where the authorize phases find the person, Postgres and Redis. */
export interface AuthorizeSetup {
  consoleClient: Credentials;
  user: { id: string; username: string; password: string };
  databaseUrl: string;
  redisUrl: string;
}

export const COLD_METHOD =
  'one token per loop, and an INCR of authz:epoch (ioredis, straight to Redis, outside the' +
  ' latency) before every request: each decision finds its context stale and rebuilds it from' +
  ' Postgres (signature, session, permissions)';

/** Far above what a 10 s phase can send; only a guard against a runaway loop. */
const MAX_REQUESTS = 2_000_000;
/** Password grants in flight while the tokens are issued. */
const SIGN_IN_PARALLEL = 8;

/**
 * The Go lib-auth's call (COMPAT.md): the raw token as `Authorization`, a JSON body naming the
 * person `lerian/<id>`. Only 200 `{authorized: true}` is a success.
 */
function decider(http: FormClient, userId: string) {
  const body = JSON.stringify({
    sub: `lerian/${userId}`,
    resource: 'accounts',
    action: 'get',
    product: 'midaz',
  });
  return async (token: string): Promise<number | string> => {
    const answer = await http.postJson('/v1/authorize', body, { authorization: token });
    if (answer.status !== 200) {
      return answer.status;
    }
    const parsed = JSON.parse(answer.body) as { authorized?: unknown };
    return parsed.authorized === true ? 200 : `200 authorized=${String(parsed.authorized)}`;
  };
}

/**
 * Warm: one token; after the first call every decision is a cache hit. `loops` in flight: the
 * configured concurrency for throughput, 1 for the latency of a decision without queueing.
 */
export async function authorizeWarmPhase(
  context: PhaseContext,
  setup: AuthorizeSetup,
  loops = context.config.concurrency,
): Promise<AuthorizeResult> {
  const [token] = await issueTokens(context.http, setup, 1);
  const decide = decider(context.http, setup.user.id);
  return measure(context, setup.databaseUrl, {
    loops,
    send: () => decide(token ?? ''),
  });
}

/** Cold: see COLD_METHOD. */
export async function authorizeColdPhase(
  context: PhaseContext,
  setup: AuthorizeSetup,
): Promise<AuthorizeResult> {
  const loops = context.config.concurrency;
  const tokens = await issueTokens(context.http, setup, loops);
  const decide = decider(context.http, setup.user.id);
  const redis = new Redis(setup.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  try {
    return await measure(context, setup.databaseUrl, {
      loops,
      prepare: async () => void (await redis.incr(AUTHZ_EPOCH_KEY)),
      send: (index) => decide(tokens[index] ?? ''),
    });
  } finally {
    redis.disconnect();
  }
}

/** Access tokens of the person, each from its own password grant (its own session). */
export async function issueTokens(
  http: FormClient,
  setup: AuthorizeSetup,
  count: number,
): Promise<string[]> {
  const headers = basicAuth(setup.consoleClient.clientId, setup.consoleClient.clientSecret);
  const form = {
    grant_type: 'password',
    username: setup.user.username,
    password: setup.user.password,
  };
  const tokens: string[] = [];
  while (tokens.length < count) {
    const batch = Math.min(SIGN_IN_PARALLEL, count - tokens.length);
    const answers = await Promise.all(
      Array.from({ length: batch }, () => http.post('/oauth/token', form, headers)),
    );
    for (const answer of answers) {
      const parsed =
        answer.status === 200 ? (JSON.parse(answer.body) as { access_token?: unknown }) : {};
      if (typeof parsed.access_token !== 'string') {
        throw new Error(`password grant answered ${answer.status}: ${answer.body.slice(0, 200)}`);
      }
      tokens.push(parsed.access_token);
    }
  }
  return tokens;
}

interface Loop {
  loops: number;
  send: (index: number) => Promise<number | string>;
  prepare?: (index: number) => Promise<void>;
}

/** Warm-up (dropped), then the measured run between two CPU samples and two Postgres counts. */
async function measure(
  context: PhaseContext,
  databaseUrl: string,
  loop: Loop,
): Promise<AuthorizeResult> {
  const { config, roots, signal } = context;
  const common = { ...loop, maxRequests: MAX_REQUESTS, signal };
  await runClosedLoop({ ...common, seconds: config.warmupSeconds });
  const transactionsBefore = await transactions(databaseUrl);
  const before = sampleCpu(roots);
  const load = await runClosedLoop({ ...common, seconds: config.seconds });
  const cpuMicros = cpuDelta(before, sampleCpu(roots));
  // A backend reports its counts when it exits or idles (at most once a second).
  await sleep(1_100, undefined, { signal });
  const transactionsAfter = await transactions(databaseUrl);
  // Less the count's own first query.
  const postgresTransactions = Math.max(0, transactionsAfter - transactionsBefore - 1);
  return { load, cpuMicros, postgresTransactions };
}

async function transactions(databaseUrl: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const result = await client.query<{ count: string }>(
      'SELECT xact_commit + xact_rollback AS count FROM pg_stat_database' +
        ' WHERE datname = current_database()',
    );
    return Number(result.rows[0]?.count ?? 0);
  } finally {
    await client.end();
  }
}

/** A measured phase's figures, with its Postgres transactions per successful decision. */
export function authorizeFigures(result: AuthorizeResult): AuthorizeFigures {
  return {
    ...phaseFigures(result),
    postgresTransactionsPerDecision: result.postgresTransactions / Math.max(result.load.ok, 1),
  };
}
