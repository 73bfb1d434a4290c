import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { freePort, isListening } from './ports.js';

/** A running Redis the local stack or the tests can use. */
export interface RedisHandle {
  /** `redis://host:port/db` */
  url: string;
  /** Stops the server (when we own it) so tests can watch the cache go away. */
  stop(): Promise<void>;
  /** Starts it again on the same port. */
  start(): Promise<void>;
  owned: boolean;
}

export interface LocalRedisOptions {
  dataDir: string;
  port?: number;
  binary?: string;
  log?: (line: string) => void;
}

/**
 * Starts a local `redis-server` (or `valkey-server`) child. No npm package ships a real Redis
 * server, so the machine's binary is used; `.ci/run` and the README say how to install it.
 */
export async function startLocalRedis(options: LocalRedisOptions): Promise<RedisHandle> {
  mkdirSync(options.dataDir, { recursive: true });
  const port = options.port ?? (await freePort());
  const binary = options.binary ?? process.env.REDIS_SERVER_BIN ?? 'redis-server';
  let child: ChildProcess | undefined;

  const start = async () => {
    // Starting twice would orphan the running server behind a second one that cannot bind.
    if (child && child.exitCode === null) {
      return;
    }
    const args = [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
    ];
    child = spawn(binary, [...args, '--dir', options.dataDir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (chunk: Buffer) => options.log?.(chunk.toString().trimEnd()));
    child.stderr?.on('data', (chunk: Buffer) => options.log?.(chunk.toString().trimEnd()));
    const spawnError = new Promise<never>((_, reject) => {
      child?.once('error', (error) =>
        reject(new Error(`cannot start ${binary}: ${error.message}`)),
      );
    });
    await Promise.race([waitFor(() => isListening('127.0.0.1', port), 5000), spawnError]);
  };

  const stop = async () => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null) {
      return;
    }
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGTERM');
    await exited;
  };

  await start();
  return { url: `redis://127.0.0.1:${port}/0`, stop, start, owned: true };
}

/** Uses an already running Redis given by URL; it is never stopped by us. */
export function externalRedis(url: string): RedisHandle {
  return { url, stop: async () => {}, start: async () => {}, owned: false };
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('timed out waiting for redis-server to listen');
}
