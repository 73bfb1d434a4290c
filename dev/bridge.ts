import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Redis, ReplyError as UntypedReplyError } from 'ioredis';

/**
 * A local stand-in for the Upstash Redis REST endpoint: it translates the protocol that
 * `@upstash/redis` speaks into commands on a real Redis and stores nothing itself.
 * See https://upstash.com/docs/redis/features/restapi for the wire format.
 */

export interface BridgeOptions {
  /** `redis://host:port/db`; the db index is honoured. */
  redisUrl: string;
  /** The bearer token clients must present. */
  token: string;
  host?: string;
  /** 0 or undefined picks a free port. */
  port?: number;
  log?: (line: Record<string, unknown>) => void;
}

export interface Bridge {
  /** `http://host:port`, the value for the client's `url`. */
  url: string;
  port: number;
  close(): Promise<void>;
}

type Command = [string, ...string[]];
type Reply = null | number | string | Reply[];
type Entry = { result: Reply } | { error: string };

// ioredis declares ReplyError as `any`; this gives `instanceof` something to narrow to.
const ReplyError: new () => Error & { previousErrors?: Error[] } = UntypedReplyError;

const MAX_BODY_BYTES = 10 * 1024 * 1024;

// One connection serves every caller, so anything that changes its state (db, transaction,
// subscriber mode, protocol, user) or parks it (blocking pops) would leak into other requests.
const REFUSED = new Set([
  ...'SELECT MULTI EXEC DISCARD WATCH UNWATCH RESET HELLO AUTH CLIENT QUIT'.split(' '),
  ...'SUBSCRIBE PSUBSCRIBE SSUBSCRIBE UNSUBSCRIBE PUNSUBSCRIBE SUNSUBSCRIBE MONITOR'.split(' '),
  ...'BLPOP BRPOP BRPOPLPUSH BLMOVE BLMPOP BZPOPMIN BZPOPMAX BZMPOP WAIT WAITAOF'.split(' '),
  ...'SYNC PSYNC'.split(' '),
]);

/** An error that becomes an HTTP status and a `{error}` body; `reason` is what gets logged. */
class BridgeError extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
    message: string,
  ) {
    super(message);
  }
}

const PATHS = new Set(['/', '/pipeline', '/multi-exec']);

/** Starts the bridge; it answers 503 while Redis is unreachable and recovers on its own. */
export async function startBridge(options: BridgeOptions): Promise<Bridge> {
  const log = options.log ?? ((line) => process.stderr.write(`${JSON.stringify(line)}\n`));
  const expectedToken = digest(options.token);

  // Fail fast instead of queueing while Redis is down, and never resend a command whose reply
  // was lost: an INCR or a transaction must not run twice behind the caller's back.
  const redis = new Redis(options.redisUrl, {
    lazyConnect: true,
    connectTimeout: 2_000,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    autoResendUnfulfilledCommands: false,
    retryStrategy: (attempt) => Math.min(attempt * 100, 1_000),
  });
  let lastConnectionError = '';
  redis.on('ready', () => {
    lastConnectionError = '';
  });
  redis.on('error', (error: Error) => {
    if (error.message !== lastConnectionError) {
      lastConnectionError = error.message;
      log({ event: 'bridge_redis_down', message: error.message });
    }
  });
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://bridge').pathname;
    try {
      if (!isAuthorized(req.headers.authorization, expectedToken)) {
        throw new BridgeError(401, 'unauthorized', 'Unauthorized');
      }

      if (req.method !== 'POST') {
        res.setHeader('Allow', 'POST');
        throw new BridgeError(405, 'method_not_allowed', 'only POST is supported');
      }

      // TODO(bridge): the `/<command>/<arg>` path form is not served; the SDK never uses it.
      if (!PATHS.has(path)) {
        throw new BridgeError(404, 'not_found', 'only /, /pipeline and /multi-exec are served');
      }

      const body = await readBody(req);
      const base64 = req.headers['upstash-encoding'] === 'base64';

      // A Redis error on a lone command fails the request with 400, as Upstash does.
      if (path === '/') {
        const [entry] = await runBatch(redis, [toCommand(parseJson(body))], false);
        if (entry && 'error' in entry) {
          throw new BridgeError(400, errorCode(entry.error), entry.error);
        }
        return send(res, 200, { result: toReply(entry?.result, base64) });
      }

      const entries = await runBatch(redis, parseCommands(body), path === '/multi-exec');
      for (const entry of entries) {
        if ('error' in entry) {
          log({ event: 'bridge_command_error', path, reason: errorCode(entry.error) });
        }
      }
      const encoded = entries.map((entry) =>
        'error' in entry ? entry : { result: toReply(entry.result, base64) },
      );
      send(res, 200, encoded);
    } catch (error) {
      const failure =
        error instanceof BridgeError ? error : new BridgeError(500, 'internal', String(error));
      const { status, reason } = failure;
      log({ event: 'bridge_error', path: PATHS.has(path) ? path : 'other', status, reason });
      send(res, failure.status, { error: failure.message });
    }
  };

  const server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve);
  });
  const { address, port } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;

  // Connecting only once listening means a failed listen leaves no client reconnecting forever.
  // A failed first connect is fine: the retry strategy keeps trying and requests get 503.
  await redis.connect().catch(() => undefined);

  return {
    url: `http://${host}:${port}`,
    port,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      redis.disconnect();
    },
  };
}

/**
 * Runs a pipeline, or with `atomic` a MULTI/EXEC transaction. A Redis error on one command is
 * that command's entry; a transaction Redis discards as a whole (EXECABORT) fails the request.
 */
async function runBatch(redis: Redis, commands: Command[], atomic: boolean): Promise<Entry[]> {
  const batch = atomic ? redis.multi() : redis.pipeline();
  for (const [name, ...args] of commands) {
    batch.callBuffer(name, ...args);
  }

  let results: [Error | null, unknown][] | null;
  try {
    results = await batch.exec();
  } catch (error) {
    if (!(error instanceof ReplyError)) {
      throw unavailable(error);
    }
    // EXECABORT alone does not say which command was wrong; ioredis keeps the queueing errors.
    const causes = error.previousErrors ?? [];
    const message = [error.message, ...causes.map((cause) => cause.message)].join(' ');
    throw new BridgeError(400, errorCode(error.message), message);
  }

  // EXEC answers nil only when a WATCH fails, and WATCH is refused.
  return (results ?? []).map(([error, reply]) => {
    if (error instanceof ReplyError) {
      return { error: error.message };
    }
    if (error) {
      throw unavailable(error);
    }
    return { result: reply as Reply };
  });
}

function unavailable(error: unknown): BridgeError {
  const message = error instanceof Error ? error.message : String(error);
  return new BridgeError(503, 'redis_unavailable', `Redis unavailable: ${message}`);
}

/** Upstash base64 mode encodes every string except the bare status reply `OK`. */
function toReply(value: unknown, base64: boolean): Reply {
  if (Buffer.isBuffer(value)) {
    const text = value.toString('utf8');
    return base64 && text !== 'OK' ? value.toString('base64') : text;
  }
  if (Array.isArray(value)) {
    return value.map((item) => toReply(item, base64));
  }
  if (typeof value === 'number' || typeof value === 'string') {
    return value;
  }
  return null;
}

function parseCommands(body: Buffer): Command[] {
  const value = parseJson(body);
  if (!Array.isArray(value) || value.length === 0) {
    throw new BridgeError(400, 'bad_request', 'body must be a non-empty array of commands');
  }
  return value.map(toCommand);
}

function toCommand(value: unknown): Command {
  if (!Array.isArray(value) || value.length === 0) {
    throw new BridgeError(400, 'bad_request', 'a command must be a non-empty array');
  }

  // The client sends numbers and booleans unquoted; Redis wants every argument as a string.
  const parts = value.map((part: unknown) => {
    if (typeof part === 'string' || typeof part === 'number' || typeof part === 'boolean') {
      return String(part);
    }
    throw new BridgeError(400, 'bad_request', 'arguments must be strings, numbers or booleans');
  });

  // Upper case also keeps ioredis from reshaping replies (it turns `hgetall` into an object).
  const [name = '', ...args] = parts;
  const upper = name.toUpperCase();
  const blocking = (upper === 'XREAD' || upper === 'XREADGROUP') && hasBlockOption(args);
  if (REFUSED.has(upper) || blocking) {
    throw new BridgeError(400, 'refused_command', `ERR ${upper} is not supported by the bridge`);
  }
  return [upper, ...args];
}

function hasBlockOption(args: string[]): boolean {
  const streams = args.findIndex((arg) => arg.toUpperCase() === 'STREAMS');
  const options = streams === -1 ? args : args.slice(0, streams);
  return options.some((arg) => arg.toUpperCase() === 'BLOCK');
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new BridgeError(400, 'bad_request', 'body is not valid JSON');
  }
}

/** Reads the body; past the cap it keeps draining the socket so the 413 reaches the client. */
function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        chunks.length = 0;
        reject(new BridgeError(413, 'too_large', `body exceeds ${MAX_BODY_BYTES} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

// Hashing both sides gives timingSafeEqual equal lengths without revealing the token's length.
function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

function isAuthorized(header: string | undefined, expected: Buffer): boolean {
  const match = /^Bearer (.+)$/.exec(header ?? '');
  return match?.[1] !== undefined && timingSafeEqual(digest(match[1]), expected);
}

/** The leading word of a Redis error (`ERR`, `WRONGTYPE`); the rest may quote arguments. */
function errorCode(message: string): string {
  return /^[A-Z]+\b/.exec(message)?.[0] ?? 'redis_error';
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}
