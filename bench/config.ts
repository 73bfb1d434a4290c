import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** What one run measures; every figure can be overridden from the environment. */
export interface BenchConfig {
  /** Measured seconds of each load phase (after its warm-up). */
  seconds: number;
  warmupSeconds: number;
  /** Requests in flight during the client_credentials phase. */
  concurrency: number;
  /** Parallel refresh chains; each runs its refreshes one after another. */
  chains: number;
  /** Loop counts of the floor worker: signatures and digests per timed request. */
  signIterations: number;
  digestIterations: number;
  /** Timed calls of lib-auth's offline check and of bare jose jwtVerify, each. */
  verifyIterations: number;
  /**
   * false (default): the wrangler dev server with the devtools inspector off (worker-host.ts),
   * closest to production. true (BENCH_INSPECTOR=1): the `wrangler dev` CLI, inspector attached,
   * as `npm run dev` runs it; the inspector's traffic roughly doubles the cost per request.
   */
  inspector: boolean;
}

/** The targets, printed next to the figures. */
export const TARGETS = {
  clientCredentialsPerSecond: 2_200,
  cpuPerTokenOverFloor: 2,
  /** `/v1/authorize` with a warm decision context (issue #5). */
  authorizeWarmPerSecond: 5_000,
  authorizeWarmP50Ms: 2,
  /** lib-auth's offline check over a bare jose jwtVerify of the same token, per call. */
  offlineOverBareVerify: 1.5,
};

/**
 * The auth worker's default is 10 token requests a minute per IP and client: the bench raises it
 * so the limiter still runs (one cache round trip per request) but never answers 429.
 */
export const TOKEN_RATE_LIMIT_PER_MINUTE = 1_000_000;

/** Defaults keep a whole run, stack start-up included, under about two minutes. */
export function loadBenchConfig(env: NodeJS.ProcessEnv): BenchConfig {
  return {
    seconds: positive(env, 'BENCH_SECONDS', 10),
    warmupSeconds: positive(env, 'BENCH_WARMUP_SECONDS', 2),
    concurrency: positive(env, 'BENCH_CONCURRENCY', 32),
    chains: positive(env, 'BENCH_CHAINS', 16),
    signIterations: positive(env, 'BENCH_SIGN_ITERATIONS', 2_000),
    digestIterations: positive(env, 'BENCH_DIGEST_ITERATIONS', 20_000),
    verifyIterations: positive(env, 'BENCH_VERIFY_ITERATIONS', 5_000),
    inspector: env.BENCH_INSPECTOR === '1',
  };
}

function positive(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const text = env[name];
  if (text === undefined || text === '') {
    return fallback;
  }
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0 || value > 1_000_000) {
    throw new Error(`${name} must be a positive number, got ${JSON.stringify(text)}`);
  }
  return value;
}
