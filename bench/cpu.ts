import { readFileSync } from 'node:fs';
import {
  cmdline,
  descendants,
  isWithin,
  readStat,
  ticksToMicros,
  type ProcessStat,
} from './proc.js';

/** CPU clock ticks per part of the bench, and the whole machine's busy ticks, at one instant. */
export interface CpuSample {
  parts: Map<string, number>;
  machineBusy: number;
}

/** The child processes whose trees get their own line. */
export interface CpuRoots {
  /** The process (and group) serving the auth worker, and its public port. */
  auth: { pid: number; port: number };
  services: number;
}

export const AUTH_WORKERD = 'workerd: auth worker';
/** CPU the machine spent outside the bench's processes: other work competing for the cores. */
export const OUTSIDE = 'not the bench (other processes)';

/**
 * Sums CPU per part: every live process below this one, classified, each with its reaped
 * children (so the short-lived Postgres backends, one per connection, land on the postmaster),
 * plus this process's own time (the load generator).
 */
export function sampleCpu(roots: CpuRoots): CpuSample {
  const tree = descendants(process.pid);
  const parts = new Map<string, number>();
  const add = (part: string, ticks: number) => parts.set(part, (parts.get(part) ?? 0) + ticks);

  add('load generator (bench, node)', readStat(process.pid)?.ownTicks ?? 0);
  for (const stat of tree) {
    add(classify(stat, tree, roots), stat.ownTicks + stat.childTicks);
  }
  return { parts, machineBusy: machineBusyTicks() };
}

/** Microseconds of CPU per part between two samples, with what the rest of the machine used. */
export function cpuDelta(before: CpuSample, after: CpuSample): Map<string, number> {
  const delta = new Map<string, number>();
  let ours = 0;
  for (const [part, ticks] of after.parts) {
    const spent = ticks - (before.parts.get(part) ?? 0);
    ours += spent;
    delta.set(part, ticksToMicros(spent));
  }
  const outside = after.machineBusy - before.machineBusy - ours;
  delta.set(OUTSIDE, ticksToMicros(Math.max(0, outside)));
  return delta;
}

/**
 * Whether a workerd started by wrangler's dev server runs the worker itself. There are two: a
 * proxy that owns the public port, and the runtime, on a port of its own. Production has no such
 * proxy, so it is counted apart.
 */
export function isWorkerRuntime(pid: number, publicPort: number): boolean {
  return !cmdline(pid).includes(`entry=127.0.0.1:${publicPort} `);
}

/** user + nice + system + irq + softirq of the first line of /proc/stat (steal excluded). */
function machineBusyTicks(): number {
  const fields = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').split(/\s+/);
  const at = (index: number) => Number(fields[index] ?? 0);
  return at(1) + at(2) + at(3) + at(6) + at(7);
}

function classify(stat: ProcessStat, tree: ProcessStat[], roots: CpuRoots): string {
  if (isWithin(stat.pid, roots.auth.pid, tree)) {
    if (stat.comm !== 'workerd') {
      return 'wrangler (node, esbuild)';
    }
    return isWorkerRuntime(stat.pid, roots.auth.port)
      ? AUTH_WORKERD
      : 'workerd: wrangler dev proxy';
  }
  if (stat.comm === 'esbuild') {
    return 'tsx (esbuild)';
  }
  if (isWithin(stat.pid, roots.services, tree)) {
    return 'ws proxy + cache bridge (node)';
  }
  if (stat.comm === 'postgres' || stat.comm === 'redis-server') {
    return stat.comm;
  }
  return `other (${stat.comm})`;
}
