import { readdirSync, readFileSync } from 'node:fs';

/** One process as /proc/<pid>/stat describes it. */
export interface ProcessStat {
  pid: number;
  ppid: number;
  /** Process group id. */
  pgrp: number;
  comm: string;
  /** One letter: R running, S sleeping, Z zombie (exited, not yet reaped), ... */
  state: string;
  /** utime + stime, in clock ticks. */
  ownTicks: number;
  /** cutime + cstime: children that exited and were reaped by this process. */
  childTicks: number;
}

/** Linux `getconf CLK_TCK`; 100 on every mainstream kernel configuration. */
const TICKS_PER_SECOND = 100;

/** Converts clock ticks to microseconds. */
export function ticksToMicros(ticks: number): number {
  return (ticks * 1_000_000) / TICKS_PER_SECOND;
}

/** Reads /proc/<pid>/stat; undefined once the process is gone. */
export function readStat(pid: number): ProcessStat | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // comm is in parentheses and may itself hold spaces or parentheses: split after the last ')'.
  const close = text.lastIndexOf(')');
  const comm = text.slice(text.indexOf('(') + 1, close);
  const fields = text
    .slice(close + 2)
    .split(' ')
    .map(Number);
  const at = (field: number) => fields[field - 3] ?? 0; // field numbers as in proc(5)
  return {
    pid,
    ppid: at(4),
    pgrp: at(5),
    comm,
    state: text.slice(close + 2, close + 3),
    ownTicks: at(14) + at(15),
    childTicks: at(16) + at(17),
  };
}

/**
 * Nanoseconds `pid` has run on a CPU, summed over its live threads (/proc/<pid>/task/<tid>/
 * schedstat, first field): far finer than clock ticks, and waiting for a core is not in it.
 */
export function threadCpuNanos(pid: number): number {
  let total = 0;
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      total += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
    } catch {
      // The thread ended between the listing and the read.
    }
  }
  return total;
}

/** The command line of `pid`, arguments separated by spaces; empty once it is gone. */
export function cmdline(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return '';
  }
}

/** Every live process. */
export function allProcesses(): ProcessStat[] {
  const all: ProcessStat[] = [];
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    const stat = Number.isInteger(pid) ? readStat(pid) : undefined;
    if (stat) {
      all.push(stat);
    }
  }
  return all;
}

/** Every live process below `root` (not `root` itself). */
export function descendants(root: number): ProcessStat[] {
  const all = allProcesses();
  const found: ProcessStat[] = [];
  const parents = new Set([root]);
  // The tree is shallow; repeat until no new child of a known parent appears.
  for (let added = true; added;) {
    added = false;
    for (const stat of all) {
      if (parents.has(stat.ppid) && !parents.has(stat.pid)) {
        parents.add(stat.pid);
        found.push(stat);
        added = true;
      }
    }
  }
  return found;
}

/** Whether `pid` is `ancestor` or below it, given a snapshot of the tree. */
export function isWithin(pid: number, ancestor: number, tree: ProcessStat[]): boolean {
  const byPid = new Map(tree.map((stat) => [stat.pid, stat]));
  for (let current = byPid.get(pid), hops = 0; current && hops < 64; hops++) {
    if (current.pid === ancestor) {
      return true;
    }
    current = byPid.get(current.ppid);
  }
  return false;
}
