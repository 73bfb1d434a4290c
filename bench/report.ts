import {
  authorizeNotes,
  authorizeRows,
  type AuthorizeResults,
  type AuthorizeTargetsMet,
} from './authorize-report.js';
import { TARGETS, type BenchConfig } from './config.js';
import { AUTH_WORKERD, OUTSIDE } from './cpu.js';
import type { Floor } from './floor.js';
import { failureList, micros, ms, rate, seconds, table, verdict, type Row } from './format.js';
import { percentile } from './load.js';
import type { PhaseResult } from './phases.js';

/** One load phase in figures. */
export interface PhaseFigures {
  perSecond: number;
  ok: number;
  seconds: number;
  p50Ms: number;
  p99Ms: number;
  failures: Record<string, number>;
  /** CPU per part during the phase, in microseconds. */
  cpuMicros: Record<string, number>;
  /** The auth worker's own workerd CPU per successful request, in microseconds. */
  workerCpuMicrosPerOp: number;
}

/** Everything one run found, as printed and as JSON. */
export interface BenchResults {
  machine: { cores: number; cpu: string; loadAverage: number[]; node: string };
  settings: BenchConfig & { tokenRateLimitPerMinute: number };
  floor: Floor & { totalMicros: number };
  clientCredentials: PhaseFigures;
  refresh: PhaseFigures;
  authorize: AuthorizeResults;
  targets: typeof TARGETS & {
    clientCredentialsMet: boolean;
    cpuPerTokenMet: boolean;
  } & AuthorizeTargetsMet;
}

/** Turns a phase's raw result into its figures. */
export function phaseFigures(phase: PhaseResult): PhaseFigures {
  const sorted = [...phase.load.latenciesMs].sort((a, b) => a - b);
  const { ok, seconds } = phase.load;
  return {
    perSecond: ok / seconds,
    ok,
    seconds,
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    failures: phase.load.failures,
    cpuMicros: Object.fromEntries(phase.cpuMicros),
    workerCpuMicrosPerOp: (phase.cpuMicros.get(AUTH_WORKERD) ?? 0) / Math.max(ok, 1),
  };
}

/** The table: each figure, its ratio to the floor, and the target where there is one. */
export function formatReport(results: BenchResults): string {
  const { floor, clientCredentials: cc, refresh, authorize, machine, targets } = results;
  const times = (micros: number) => `${(micros / floor.totalMicros).toFixed(1)}×`;
  // A rate as the machine's CPU time per operation: all cores' microseconds in one second / rate.
  const machineMicros = (perSecond: number) => (machine.cores * 1e6) / perSecond;
  const ccTarget = `≥ ${TARGETS.clientCredentialsPerSecond.toLocaleString('en')}/s`;
  const cpuTarget = `≤ ${TARGETS.cpuPerTokenOverFloor}× floor`;

  const rows: Row[] = [
    ['floor: ES256 signature (jose SignJWT)', micros(floor.signMicros), '', ''],
    ['floor: SHA-256 of a 43-char secret', micros(floor.digestMicros), '', ''],
    ['floor: signature + digest', micros(floor.totalMicros), '1.0×', ''],
    [
      'client_credentials tokens/s',
      rate(cc.perSecond),
      times(machineMicros(cc.perSecond)),
      `${ccTarget} ${verdict(targets.clientCredentialsMet)}`,
    ],
    ['  latency p50', ms(cc.p50Ms), times(cc.p50Ms * 1000), ''],
    ['  latency p99', ms(cc.p99Ms), times(cc.p99Ms * 1000), ''],
    [
      'CPU per token (auth workerd)',
      micros(cc.workerCpuMicrosPerOp),
      times(cc.workerCpuMicrosPerOp),
      `${cpuTarget} ${verdict(targets.cpuPerTokenMet)}`,
    ],
    ['refreshes/s', rate(refresh.perSecond), times(machineMicros(refresh.perSecond)), ''],
    ['  latency p50', ms(refresh.p50Ms), times(refresh.p50Ms * 1000), ''],
    ['  latency p99', ms(refresh.p99Ms), times(refresh.p99Ms * 1000), ''],
    [
      'CPU per refresh (auth workerd)',
      micros(refresh.workerCpuMicrosPerOp),
      times(refresh.workerCpuMicrosPerOp),
      '',
    ],
    ...authorizeRows(authorize, targets, times, machineMicros),
    [
      'ref: SCRAM proof, per new PG connection',
      micros(floor.scramMicros),
      times(floor.scramMicros),
      '',
    ],
  ];

  return [
    ...header(results),
    '',
    table(['figure', 'value', '× floor', 'target'], rows),
    '',
    "× floor of a rate: the machine's CPU time per operation (cores × 1 s ÷ rate) over the floor.",
    'A refresh signs two tokens (access + ID, scope openid) and digests four secrets.',
    `Floor by wall time (contention shows as a gap): sign ${micros(floor.wallMicros.sign)}, ` +
      `digest ${micros(floor.wallMicros.digest)}, SCRAM ${micros(floor.wallMicros.scram)}.`,
    ...authorizeNotes(authorize),
    '',
    'CPU by part during the client_credentials phase:',
    cpuTable(cc, machine.cores),
    '',
    'CPU by part during the refresh phase:',
    cpuTable(refresh, machine.cores),
    '',
    'CPU by part during the warm authorize phase:',
    cpuTable(authorize.warm, machine.cores),
    '',
    'CPU by part during the cold authorize phase:',
    cpuTable(authorize.cold, machine.cores),
    '',
    `non-200 answers: client_credentials ${failureList(cc.failures)},` +
      ` refresh ${failureList(refresh.failures)},` +
      ` authorize warm ${failureList(authorize.warm.failures)},` +
      ` authorize cold ${failureList(authorize.cold.failures)}`,
  ].join('\n');
}

function header({ machine, settings, clientCredentials }: BenchResults): string[] {
  const load = machine.loadAverage.map((value) => value.toFixed(2)).join(' ');
  const phases = `${settings.warmupSeconds} s warm-up + ${settings.seconds} s measured`;
  const worker = settings.inspector
    ? 'wrangler dev --env auth (CLI: devtools inspector attached, as in npm run dev)'
    : 'wrangler dev server with the inspector off (default; BENCH_INSPECTOR=1 for the CLI, bench/worker-host.ts)';
  return [
    `machine: ${machine.cores} cores (${machine.cpu}), node ${machine.node}`,
    `auth worker: ${worker}`,
    `load average before the run: ${load}`,
    `client_credentials: ${settings.concurrency} in flight, ${phases}` +
      ` (${clientCredentials.seconds.toFixed(1)} s with the tail)`,
    `refresh: ${settings.chains} chains, each sequential, ${phases}`,
    `authorize warm, then cold: ${settings.concurrency} in flight (warm also with 1 in flight, for latency), ${phases} each`,
    `lib-auth offline vs bare jwtVerify: ${settings.verifyIterations} sequential calls each,` +
      ' in the bench process',
    `floor: ${settings.signIterations} signatures or ${settings.digestIterations} digests` +
      ' per timed request, in workerd under wrangler dev',
    `TOKEN_RATE_LIMIT_PER_MINUTE=${settings.tokenRateLimitPerMinute}: the default 10/min` +
      ' would answer 429 after 10 tokens (the limiter still runs on every request)',
  ];
}

function cpuTable(phase: PhaseFigures, cores: number): string {
  const perOk = (micros: number) => micros / Math.max(phase.ok, 1);
  const ours = Object.entries(phase.cpuMicros).filter(([part]) => part !== OUTSIDE);
  const total = ours.reduce((sum, [, value]) => sum + value, 0);
  const rows = ours
    .filter(([, value]) => value > 0)
    .sort(([, a], [, b]) => b - a)
    .map(([part, value]) => [
      part,
      seconds(value),
      `${((100 * value) / Math.max(total, 1)).toFixed(0)} %`,
      micros(perOk(value)),
    ]);
  rows.push(['all of the bench', seconds(total), '100 %', micros(perOk(total))]);
  const outside = phase.cpuMicros[OUTSIDE] ?? 0;
  rows.push([OUTSIDE, seconds(outside), '', '']);
  rows.push(['available (cores × wall time)', seconds(cores * phase.seconds * 1e6), '', '']);
  return table(['part', 'CPU', 'share', 'per 200'], rows);
}
