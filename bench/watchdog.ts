import { spawn, type ChildProcess } from 'node:child_process';

/**
 * The watchdog: a detached plain-Node process holding a pipe from the bench. When the pipe closes
 * without `done` (the bench was killed: tsx answers a Ctrl-C it cannot relay within 30 ms with
 * SIGKILL, and a busy machine makes that likely), it stops what the bench registered — wrangler's
 * process groups, the postmaster, redis-server — and deletes the scratch folder. The lines it
 * reads: `group <pgid>`, `ungroup <pgid>`, `pid <pid>`, `dir <path>`, `done`.
 */
const SOURCE = `
const { rmSync } = require('node:fs');
const groups = new Set(), pids = new Set(), dirs = new Set();
let done = false, pending = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => {
  pending += chunk;
  for (let end = pending.indexOf('\\n'); end >= 0; end = pending.indexOf('\\n')) {
    const line = pending.slice(0, end), space = line.indexOf(' ');
    pending = pending.slice(end + 1);
    const verb = space < 0 ? line : line.slice(0, space), arg = line.slice(space + 1);
    if (verb === 'group') groups.add(Number(arg));
    if (verb === 'ungroup') groups.delete(Number(arg));
    if (verb === 'pid') pids.add(Number(arg));
    if (verb === 'dir') dirs.add(arg);
    if (verb === 'done') done = true;
  }
});
process.stdin.on('end', () => {
  if (done) process.exit(0);
  const kill = (target, signal) => { try { process.kill(target, signal); } catch {} };
  for (const group of groups) kill(-group, 'SIGTERM');
  for (const pid of pids) kill(pid, 'SIGINT');
  setTimeout(() => {
    for (const group of groups) kill(-group, 'SIGKILL');
    for (const pid of pids) kill(pid, 'SIGKILL');
    for (const dir of dirs) { try { rmSync(dir, { recursive: true, force: true }); } catch {} }
    process.exit(0);
  }, 3000);
});
`;

let child: ChildProcess | undefined;

function tell(line: string): void {
  child ??= spawn(process.execPath, ['-e', SOURCE], {
    detached: true,
    stdio: ['pipe', 'ignore', 'ignore'],
  });
  child.stdin?.write(`${line}\n`);
}

/** Registers a process group to kill if the bench dies before it stops the group itself. */
export const guardGroup = (pgid: number) => tell(`group ${pgid}`);
/** The group was stopped cleanly. */
export const releaseGroup = (pgid: number) => tell(`ungroup ${pgid}`);
/** Registers a process to stop (SIGINT, then SIGKILL) if the bench dies. */
export const guardPid = (pid: number) => tell(`pid ${pid}`);
/** Registers a folder to delete if the bench dies. */
export const guardDir = (path: string) => tell(`dir ${path}`);

/** The bench tore everything down itself: the watchdog exits without touching anything. */
export async function dismissWatchdog(): Promise<void> {
  const stdin = child?.stdin;
  if (stdin) {
    // Wait for the write: a `done` lost to process.exit would make the watchdog act.
    await new Promise<void>((resolve) => stdin.end('done\n', resolve));
  }
}
