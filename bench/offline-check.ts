import { createLocalJWKSet, jwtVerify, type JSONWebKeySet } from 'jose';
import { createLibAuth } from '../shared/lib-auth/index.js';

/** lib-auth's offline check next to a bare jose verification, in this process. */
export interface OfflineFigures {
  /** Timed calls of each, split into `rounds`. */
  iterations: number;
  rounds: number;
  /** From the fastest round, by wall time. */
  bareVerifyPerSecond: number;
  offlineCheckPerSecond: number;
  /** Per call, offline check over bare verify, from the same fastest rounds. */
  ratio: number;
  /** This process's CPU (all threads) per call, over every round. */
  cpuMicros: { bareVerify: number; offlineCheck: number };
  /** Calls lib-auth made to auth while timed: 0 when JWKS and permission map stayed cached. */
  authCallsWhileTimed: number;
}

const ROUNDS = 5;
const REQUEST = { product: 'midaz', resource: 'accounts', action: 'get' };

/**
 * `createLibAuth` in offline mode against the bench's auth worker, warmed once (JWKS and the
 * token's permission map fetched), then `check()` and a bare `jwtVerify` with auth's JWKS, each
 * called one after another, in alternating rounds so that both see the same machine.
 */
export async function offlineVersusBareVerify(
  authUrl: string,
  token: string,
  iterations: number,
  signal: AbortSignal,
): Promise<OfflineFigures> {
  let authCalls = 0;
  const lib = createLibAuth(
    { PLUGIN_AUTH_ENABLED: 'true', PLUGIN_AUTH_ADDRESS: authUrl, PLUGIN_AUTH_MODE: 'offline' },
    {
      fetch: (input, init) => {
        authCalls++;
        return fetch(input, init);
      },
    },
  );
  const request = { ...REQUEST, authorization: `Bearer ${token}` };
  const first = await lib.check(request);
  if (first.outcome !== 'allow') {
    throw new Error(`lib-auth offline check refused the bench token: ${JSON.stringify(first)}`);
  }

  const jwksAnswer = await fetch(`${authUrl}/.well-known/jwks.json`);
  const keys = createLocalJWKSet((await jwksAnswer.json()) as JSONWebKeySet);
  const bare = async () => {
    await jwtVerify(token, keys, { algorithms: ['ES256'] });
  };
  const offline = async () => {
    const outcome = await lib.check(request);
    if (outcome.outcome !== 'allow') {
      throw new Error(`lib-auth offline check refused the bench token: ${JSON.stringify(outcome)}`);
    }
  };

  const perRound = Math.max(1, Math.ceil(iterations / ROUNDS));
  // Warm-up: the JIT, jose's imported key.
  await timed(bare, Math.min(perRound, 200));
  await timed(offline, Math.min(perRound, 200));

  const callsBefore = authCalls;
  const best = { bare: Infinity, offline: Infinity };
  const cpu = { bare: 0, offline: 0 };
  for (let round = 0; round < ROUNDS; round++) {
    if (signal.aborted) {
      throw new Error('interrupted');
    }
    const order = round % 2 === 0 ? (['bare', 'offline'] as const) : (['offline', 'bare'] as const);
    for (const kind of order) {
      const result = await timed(kind === 'bare' ? bare : offline, perRound);
      best[kind] = Math.min(best[kind], result.wallMicros / perRound);
      cpu[kind] += result.cpuMicros;
    }
  }
  const total = perRound * ROUNDS;
  return {
    iterations: total,
    rounds: ROUNDS,
    bareVerifyPerSecond: 1e6 / best.bare,
    offlineCheckPerSecond: 1e6 / best.offline,
    ratio: best.offline / best.bare,
    cpuMicros: { bareVerify: cpu.bare / total, offlineCheck: cpu.offline / total },
    authCallsWhileTimed: authCalls - callsBefore,
  };
}

async function timed(
  call: () => Promise<void>,
  count: number,
): Promise<{ wallMicros: number; cpuMicros: number }> {
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  for (let index = 0; index < count; index++) {
    await call();
  }
  const wallMicros = (performance.now() - started) * 1000;
  const cpuSpent = process.cpuUsage(cpuBefore);
  return { wallMicros, cpuMicros: cpuSpent.user + cpuSpent.system };
}
