import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, type BenchConfig } from './config.js';
import { freePort } from '../dev/ports.js';
import type { Teardown } from './teardown.js';
import { startDevWorker, wranglerDevCommand } from './wrangler.js';
import { isWorkerRuntime } from './cpu.js';
import { descendants, threadCpuNanos } from './proc.js';

/** Microseconds of CPU per operation of the bare primitives, measured inside workerd. */
export interface Floor {
  signMicros: number;
  digestMicros: number;
  /** Reference only: one SCRAM client proof (PBKDF2, 4096 HMACs) as the Neon driver does it. */
  scramMicros: number;
  /** The same three by wall-clock time; far above the CPU figures when the cores are contended. */
  wallMicros: { sign: number; digest: number; scram: number };
}

interface PerOp {
  cpu: number;
  wall: number;
}

const ROUNDS = 5;
const SCRAM_COUNT = 10;

/**
 * Starts bench/floor-worker.ts under `wrangler dev` from a config in `scratch`, times its
 * primitives and stops it. The figure is the CPU time of the workerd running the worker (its
 * threads' schedstat, in ns) across one request that loops N times, minus one that loops 0
 * times, the least of a few rounds of each. Not an in-worker clock: deployed workerd freezes
 * `performance.now()` between I/O (locally it does advance). Not wall time alone: on a shared
 * machine a request waits for a core, and that wait is not the primitive's cost.
 */
export async function measureFloor(
  config: BenchConfig,
  scratch: string,
  teardown: Teardown,
): Promise<Floor> {
  const configFile = join(scratch, 'floor.wrangler.toml');
  writeFileSync(
    configFile,
    [
      'name = "bench-floor"',
      `main = ${JSON.stringify(join(ROOT, 'bench', 'floor-worker.ts'))}`,
      'compatibility_date = "2026-04-26"',
      '',
    ].join('\n'),
  );
  const port = await freePort();
  const args = ['--config', configFile, '--persist-to', join(scratch, 'floor-state')];
  const worker = await startDevWorker(
    {
      command: wranglerDevCommand(args, port, await freePort()),
      port,
      cwd: scratch,
      readyPath: '/ready',
      readyTimeoutMs: 60_000,
    },
    teardown,
  );
  try {
    const runtime = descendants(worker.pid).find(
      (stat) => stat.comm === 'workerd' && isWorkerRuntime(stat.pid, port),
    );
    if (!runtime) {
      throw new Error('cannot find the workerd that runs the floor worker');
    }
    const perOp = (op: string, count: number) => microsPerOp(worker.url, runtime.pid, op, count);
    const sign = await perOp('sign', config.signIterations);
    const digest = await perOp('digest', config.digestIterations);
    const scram = await perOp('scram', SCRAM_COUNT);
    return {
      signMicros: sign.cpu,
      digestMicros: digest.cpu,
      scramMicros: scram.cpu,
      wallMicros: { sign: sign.wall, digest: digest.wall, scram: scram.wall },
    };
  } finally {
    await worker.stop();
  }
}

async function microsPerOp(url: string, pid: number, op: string, count: number): Promise<PerOp> {
  // Warm-up: JIT, the key pair, the connection.
  await timed(url, pid, op, Math.min(count, 100));
  await timed(url, pid, op, 0);

  const empty = { cpu: Infinity, wall: Infinity };
  const full = { cpu: Infinity, wall: Infinity };
  for (let round = 0; round < ROUNDS; round++) {
    for (const [best, n] of [
      [empty, 0],
      [full, count],
    ] as const) {
      const result = await timed(url, pid, op, n);
      best.cpu = Math.min(best.cpu, result.cpu);
      best.wall = Math.min(best.wall, result.wall);
    }
  }
  return { cpu: (full.cpu - empty.cpu) / count, wall: (full.wall - empty.wall) / count };
}

/** Microseconds of workerd CPU and of wall time for one request running `op` `count` times. */
async function timed(url: string, pid: number, op: string, count: number): Promise<PerOp> {
  const cpuBefore = threadCpuNanos(pid);
  const started = performance.now();
  const response = await fetch(`${url}/?op=${op}&n=${count}`);
  await response.text();
  const wall = (performance.now() - started) * 1000;
  const cpu = (threadCpuNanos(pid) - cpuBefore) / 1000;
  if (response.status !== 200) {
    throw new Error(`floor worker answered ${response.status} for ${op}`);
  }
  return { cpu, wall };
}
