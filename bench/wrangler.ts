import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { ROOT } from './config.js';
import { allProcesses } from './proc.js';
import type { Teardown } from './teardown.js';
import { guardGroup, releaseGroup } from './watchdog.js';

/** A worker served by wrangler's dev server, in its own process group with its workerd. */
export interface DevWorker {
  /** The child's pid, which is also its process group id. */
  pid: number;
  port: number;
  url: string;
  /** The last lines the child printed, for error messages. */
  output(): string;
  stop(): Promise<void>;
}

export interface DevWorkerOptions {
  /** What to run: the wrangler CLI (`wranglerDevCommand`) or the bench's worker host. */
  command: [string, ...string[]];
  env?: Record<string, string>;
  port: number;
  cwd: string;
  /** Path that answers 200 once the worker is ready. */
  readyPath: string;
  readyTimeoutMs: number;
}

const KEPT_LINES = 40;
const STOP_GRACE_MS = 5_000;

/** Process groups still running. */
const groups = new Set<number>();
/** Every group ever started, to check after teardown that none left a process behind. */
const started = new Set<number>();

/** `wrangler dev <args>` on 127.0.0.1, as `npm run dev` runs it. */
export function wranglerDevCommand(
  args: string[],
  port: number,
  inspectorPort: number,
): [string, ...string[]] {
  return [
    join(ROOT, 'node_modules', '.bin', 'wrangler'),
    'dev',
    ...args,
    '--ip',
    '127.0.0.1',
    '--port',
    String(port),
    '--inspector-port',
    String(inspectorPort),
    '--show-interactive-dev-session=false',
  ];
}

/**
 * Runs `command` in a new process group, registers its stop on `teardown`, and waits until
 * `readyPath` answers 200. Stopping signals the whole group, so workerd goes down with it.
 */
export async function startDevWorker(
  options: DevWorkerOptions,
  teardown: Teardown,
): Promise<DevWorker> {
  const [executable, ...args] = options.command;
  const child = spawn(executable, args, {
    cwd: options.cwd,
    env: {
      ...process.env,
      ...options.env,
      WRANGLER_SEND_METRICS: 'false',
      // Miniflare would fetch a `Request.cf` sample from workers.cloudflare.com: stay local.
      CLOUDFLARE_CF_FETCH_ENABLED: 'false',
      FORCE_COLOR: '0',
    },
    // A pipe the child may watch: it closes when the bench dies, even by SIGKILL.
    stdio: ['pipe', 'pipe', 'pipe'],
    detached: true,
  });
  const pid = child.pid;
  if (pid === undefined) {
    throw new Error(`${executable} did not start`);
  }
  groups.add(pid);
  started.add(pid);
  guardGroup(pid);

  const lines: string[] = [];
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => {
      lines.push(line);
      lines.splice(0, Math.max(0, lines.length - KEPT_LINES));
    });
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const stop = async () => {
    if (!groups.has(pid)) {
      return;
    }
    killGroup(pid, 'SIGTERM');
    const timer = new Promise((resolve) => setTimeout(resolve, STOP_GRACE_MS));
    await Promise.race([exited, timer]);
    // workerd may outlive its parent by a moment; the group id still reaches it.
    killGroup(pid, 'SIGKILL');
    groups.delete(pid);
    releaseGroup(pid);
  };
  teardown.add(`${args.slice(0, 3).join(' ')} (pid ${pid})`, stop);

  const url = `http://127.0.0.1:${options.port}`;
  const worker = { pid, port: options.port, url, output: () => lines.join('\n'), stop };
  try {
    await waitReady(`${url}${options.readyPath}`, options.readyTimeoutMs, exited);
  } catch (error) {
    await stop();
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`${options.command.join(' ')}: ${reason}\n${worker.output()}`);
  }
  return worker;
}

/** Processes still alive in any process group this module started (after teardown: none). */
export function survivors(): string[] {
  return allProcesses()
    .filter((stat) => started.has(stat.pgrp) && stat.state !== 'Z')
    .map((stat) => `${stat.pid} ${stat.comm}`);
}

async function waitReady(url: string, timeoutMs: number, exited: Promise<void>): Promise<void> {
  let gone = false;
  void exited.then(() => {
    gone = true;
  });
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !gone) {
    const status = await fetch(url, { signal: AbortSignal.timeout(2_000) })
      .then((response) => response.status)
      .catch(() => 0);
    if (status === 200) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(gone ? 'exited before it was ready' : `not ready after ${timeoutMs} ms`);
}

function killGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // ESRCH: the group is already gone.
  }
}
