import { TARGETS } from './config.js';
import { micros, rate, verdict, type Row } from './format.js';
import type { OfflineFigures } from './offline-check.js';
import type { PhaseFigures } from './report.js';

/** One `/v1/authorize` phase in figures. */
export interface AuthorizeFigures extends PhaseFigures {
  /** Postgres transactions per successful decision: ~0 warm, a rebuild's worth cold. */
  postgresTransactionsPerDecision: number;
}

/** issue #5: `/v1/authorize` warm and cold, and lib-auth offline next to a bare verify. */
export interface AuthorizeResults {
  concurrency: number;
  /** How the cold phase makes every decision miss the isolate's decision-context cache. */
  coldMethod: string;
  warm: AuthorizeFigures;
  /** Warm with one request in flight: the latency of a decision, without queueing. */
  warmSerial: AuthorizeFigures;
  cold: AuthorizeFigures;
  offline: OfflineFigures;
}

export interface AuthorizeTargetsMet {
  authorizeWarmPerSecondMet: boolean;
  authorizeWarmP50Met: boolean;
  offlineRatioMet: boolean;
}

export function authorizeTargetsMet(results: AuthorizeResults): AuthorizeTargetsMet {
  return {
    authorizeWarmPerSecondMet: results.warm.perSecond >= TARGETS.authorizeWarmPerSecond,
    authorizeWarmP50Met: results.warmSerial.p50Ms <= TARGETS.authorizeWarmP50Ms,
    offlineRatioMet: results.offline.ratio <= TARGETS.offlineOverBareVerify,
  };
}

/** The table's rows: rates and latencies against the floor, as the token rows are. */
export function authorizeRows(
  results: AuthorizeResults,
  met: AuthorizeTargetsMet,
  times: (micros: number) => string,
  machineMicros: (perSecond: number) => number,
): Row[] {
  const { warm, warmSerial, cold, offline } = results;
  const perSecondTarget = `≥ ${TARGETS.authorizeWarmPerSecond.toLocaleString('en')}/s`;
  const phase = (name: string, figures: AuthorizeFigures, targets?: [string, string]): Row[] => [
    [
      `authorize ${name} decisions/s`,
      rate(figures.perSecond),
      times(machineMicros(figures.perSecond)),
      targets?.[0] ?? '',
    ],
    ['  latency p50', ms2(figures.p50Ms), times(figures.p50Ms * 1000), targets?.[1] ?? ''],
    ['  latency p99', ms2(figures.p99Ms), times(figures.p99Ms * 1000), ''],
    [
      `CPU per ${name} decision (auth workerd)`,
      micros(figures.workerCpuMicrosPerOp),
      times(figures.workerCpuMicrosPerOp),
      '',
    ],
  ];
  return [
    ...phase('warm', warm, [`${perSecondTarget} ${verdict(met.authorizeWarmPerSecondMet)}`, '']),
    ...phase('warm, 1 in flight,', warmSerial, [
      '',
      `≤ ${TARGETS.authorizeWarmP50Ms} ms ${verdict(met.authorizeWarmP50Met)}`,
    ]),
    ...phase('cold', cold),
    ['bare jose jwtVerify/s (node)', rate(offline.bareVerifyPerSecond), '', ''],
    ['lib-auth offline check()/s (node)', rate(offline.offlineCheckPerSecond), '', ''],
    [
      '  offline check ÷ bare verify, per call',
      `${offline.ratio.toFixed(2)}×`,
      '',
      `≤ ${TARGETS.offlineOverBareVerify}× ${verdict(met.offlineRatioMet)}`,
    ],
  ];
}

/** The lines under the table that say how the authorize figures were made. */
export function authorizeNotes(results: AuthorizeResults): string[] {
  const { warm, cold, offline } = results;
  const perDecision = (figures: AuthorizeFigures) =>
    figures.postgresTransactionsPerDecision.toFixed(2);
  return [
    `authorize: POST /v1/authorize as the Go lib-auth sends it (raw token, sub lerian/<id>,` +
      ` midaz accounts get; the person is in midaz-viewer-group), ${results.concurrency} in` +
      ' flight; a success is 200 {authorized: true}, anything else a failure.',
    '  warm: one token, its decision context built once and then reused.',
    `  cold: ${results.coldMethod}.`,
    `  Postgres transactions per decision: warm ${perDecision(warm)}, cold ${perDecision(cold)}` +
      ' (pg_stat_database of the bench database; the proof that warm skips it and cold does not).',
    `lib-auth offline: createLibAuth({PLUGIN_AUTH_MODE: 'offline'}) in the bench process, warmed` +
      ` once; ${offline.iterations} sequential check() calls and as many bare jwtVerify with` +
      ` auth's JWKS (createLocalJWKSet once, algorithms ES256), ${offline.rounds} alternating` +
      ' rounds, the fastest round of each by wall time.',
    `  per call: bare verify ${micros(1e6 / offline.bareVerifyPerSecond)}, offline check` +
      ` ${micros(1e6 / offline.offlineCheckPerSecond)}; process CPU over all rounds: bare` +
      ` ${micros(offline.cpuMicros.bareVerify)}, check ${micros(offline.cpuMicros.offlineCheck)}` +
      ` (${(offline.cpuMicros.offlineCheck / offline.cpuMicros.bareVerify).toFixed(2)}×);` +
      ` calls to auth while timed: ${offline.authCallsWhileTimed} (JWKS and permission map cached).`,
  ];
}

const ms2 = (value: number) => `${value.toFixed(2)} ms`;
