import { Pool, neonConfig } from '@neondatabase/serverless';
import { drizzle, type NeonDatabase } from 'drizzle-orm/neon-serverless';
import * as schema from './schema.js';

export type Database = NeonDatabase<typeof schema>;

export interface DatabaseHandle {
  db: Database;
  /** Ends the pool; call it through `waitUntil` once the response is sent. */
  close(): Promise<void>;
}

/**
 * Opens a per-request pool over the Neon serverless driver (WebSocket). In production it talks
 * to Neon; locally `wsProxy` names a WebSocket-to-TCP proxy in front of a plain Postgres.
 * Workers may not share I/O objects between requests, so each request gets its own pool.
 */
export function openDatabase(databaseUrl: string, wsProxy?: string): DatabaseHandle {
  if (wsProxy) {
    // A local plain-TCP Postgres: no TLS inside the WebSocket, and no pipelined connect,
    // which breaks SCRAM authentication (see docs/local-stack.md).
    neonConfig.wsProxy = (host, port) => `${wsProxy}/v1?address=${host}:${port}`;
    neonConfig.useSecureWebSocket = false;
    neonConfig.pipelineTLS = false;
    neonConfig.pipelineConnect = false;
  }
  const pool = new Pool({ connectionString: databaseUrl, max: 4 });
  // An idle or ending connection that drops emits on the pool; queries in flight still reject
  // on their own, so this only keeps a closed socket from surfacing as an uncaught error.
  pool.on('error', () => {});
  return { db: drizzle({ client: pool, schema }), close: () => pool.end() };
}
