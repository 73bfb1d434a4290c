/** What the bench's child processes (services.ts, worker-host.ts) share. */

/** A required environment variable, or a clear error. */
export function required(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is required`);
  }
  return value;
}

/**
 * Runs `close` then exits on SIGTERM, SIGINT, or when the parent closes our stdin: the bench
 * holds stdin open, so its end means the bench is gone and the child must never outlive it.
 */
export function stopWithParent(close: () => Promise<unknown>): void {
  const stop = async () => {
    await close().catch(() => {});
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
  process.stdin.on('end', () => void stop());
  process.stdin.resume();
}

/** Runs a child's main; a failure is one line on stderr and exit code 1. */
export function runChild(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
