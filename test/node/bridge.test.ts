import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { Redis as Upstash } from '@upstash/redis';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startBridge, type Bridge } from '../../dev/bridge.js';

const TOKEN = 'bridge-test-token';
const prefix = `bridge-test:${process.pid}:${Date.now()}:`;

let bridge: Bridge;
let redis: Redis;
let direct: Upstash;
let auto: Upstash;
const logs: Record<string, unknown>[] = [];

interface RawReply {
  status: number;
  body: unknown;
}

/** Posts to the bridge the way the SDK does, minus the SDK's decoding. */
async function post(
  path: string,
  body: unknown,
  options: { token?: string | null; base64?: boolean; method?: string; bridgeUrl?: string } = {},
): Promise<RawReply> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (options.token !== null) {
    headers.Authorization = `Bearer ${options.token ?? TOKEN}`;
  }
  if (options.base64 ?? true) {
    headers['Upstash-Encoding'] = 'base64';
  }
  const method = options.method ?? 'POST';
  const response = await fetch(`${options.bridgeUrl ?? bridge.url}${path}`, {
    method,
    headers,
    body: method === 'POST' ? (typeof body === 'string' ? body : JSON.stringify(body)) : undefined,
  });
  return { status: response.status, body: await response.json() };
}

const b64 = (text: string) => Buffer.from(text).toString('base64');

function client(url: string, options: { enableAutoPipelining?: boolean; token?: string } = {}) {
  return new Upstash({
    url,
    token: options.token ?? TOKEN,
    enableTelemetry: false,
    enableAutoPipelining: options.enableAutoPipelining ?? true,
    retry: false,
  });
}

beforeAll(async () => {
  const { redisUrl } = inject('stack');
  bridge = await startBridge({ redisUrl, token: TOKEN, log: (line) => logs.push(line) });
  redis = new Redis(redisUrl);
  direct = client(bridge.url, { enableAutoPipelining: false });
  auto = client(bridge.url);
});

afterAll(async () => {
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length > 0) {
    await redis.del(...keys);
  }
  redis.disconnect();
  await bridge.close();
});

describe('single commands through @upstash/redis', () => {
  it('sets, gets and increments', async () => {
    expect(await direct.set(`${prefix}greeting`, 'hello')).toBe('OK');
    expect(await direct.get(`${prefix}greeting`)).toBe('hello');
    expect(await direct.get(`${prefix}missing`)).toBeNull();
    expect(await direct.incr(`${prefix}counter`)).toBe(1);
    expect(await direct.incrby(`${prefix}counter`, 41)).toBe(42);
  });

  it('round-trips JSON values the SDK serializes', async () => {
    await direct.set(`${prefix}json`, { id: 7, tags: ['a', 'b'] });
    expect(await direct.get(`${prefix}json`)).toEqual({ id: 7, tags: ['a', 'b'] });
  });

  it('returns HGETALL as the flat array the SDK folds into an object', async () => {
    expect(await direct.hset(`${prefix}hash`, { name: 'ada', age: 36 })).toBe(2);
    expect(await direct.hgetall(`${prefix}hash`)).toEqual({ name: 'ada', age: 36 });

    const raw = await post('/', ['HGETALL', `${prefix}hash`], { base64: false });
    expect(raw.body).toEqual({ result: ['name', 'ada', 'age', '36'] });
  });

  it('returns lists and nested arrays', async () => {
    await direct.rpush(`${prefix}list`, 'a', 'b', 'c');
    expect(await direct.lrange(`${prefix}list`, 0, -1)).toEqual(['a', 'b', 'c']);

    const script = "return {1, 'two', {KEYS[1], {'deep', 3}}}";
    const nested = await direct.eval(script, [`${prefix}k`], []);
    expect(nested).toEqual([1, 'two', [`${prefix}k`, ['deep', 3]]]);

    const found: string[] = [];
    let cursor: string | number = 0;
    do {
      const page: [string, string[]] = await direct.scan(cursor, { match: `${prefix}list` });
      const [next, keys] = page;
      found.push(...keys);
      cursor = next;
    } while (cursor !== '0');
    expect(found).toEqual([`${prefix}list`]);
  });

  it('returns stream entries (XRANGE) with field lists nested two deep', async () => {
    const id = await direct.xadd(`${prefix}stream`, '*', { kind: 'login', user: 'u1' });
    const entries = await direct.xrange(`${prefix}stream`, '-', '+');
    expect(entries).toEqual({ [id]: { kind: 'login', user: 'u1' } });
  });
});

describe('pipelines and transactions', () => {
  it('runs an explicit pipeline and keeps per-command errors', async () => {
    const results = await direct
      .pipeline()
      .set(`${prefix}p:text`, 'x')
      .incr(`${prefix}p:count`)
      .incr(`${prefix}p:text`)
      .get(`${prefix}p:text`)
      .exec({ keepErrors: true });
    expect(results.map((entry) => entry.result)).toEqual(['OK', 1, undefined, 'x']);
    expect(results[2]?.error).toMatch(/not an integer/);
  });

  it('serves the auto-pipelined client (every call goes to /pipeline)', async () => {
    const [set, count, value] = await Promise.all([
      auto.set(`${prefix}auto`, 'v'),
      auto.incr(`${prefix}auto:count`),
      auto.get(`${prefix}auto`),
    ]);
    expect([set, count, value]).toEqual(['OK', 1, 'v']);
    await expect(auto.incr(`${prefix}auto`)).rejects.toThrow(/not an integer/);
    expect(logs.at(-1)).toEqual({
      event: 'bridge_command_error',
      path: '/pipeline',
      reason: 'ERR',
    });
  });

  it('runs a transaction through multi()', async () => {
    const results = await direct
      .multi()
      .set(`${prefix}m:text`, 'v')
      .incr(`${prefix}m:count`)
      .get(`${prefix}m:text`)
      .exec();
    expect(results).toEqual(['OK', 1, 'v']);
  });

  it('reports a runtime error inside a transaction per command, the rest applied', async () => {
    const raw = await post('/multi-exec', [
      ['SET', `${prefix}m2`, 'text'],
      ['INCR', `${prefix}m2`],
      ['SET', `${prefix}m2:after`, 'ran'],
    ]);
    expect(raw.status).toBe(200);
    expect(raw.body).toEqual([
      { result: 'OK' },
      { error: 'ERR value is not an integer or out of range' },
      { result: 'OK' },
    ]);
    expect(await redis.get(`${prefix}m2:after`)).toBe('ran');
  });

  it('fails an aborted transaction as a whole with 400 and applies nothing', async () => {
    const raw = await post('/multi-exec', [
      ['SET', `${prefix}abort`, 'v'],
      ['SET', `${prefix}abort:other`],
    ]);
    expect(raw.status).toBe(400);
    expect(raw.body).toEqual({ error: expect.stringMatching(/^EXECABORT .*wrong number/) });
    expect(await redis.exists(`${prefix}abort`)).toBe(0);

    const unknown = await post('/multi-exec', [['SET', `${prefix}abort`, 'v'], ['NOPE']]);
    expect(unknown.status).toBe(400);
    expect(await redis.exists(`${prefix}abort`)).toBe(0);
  });
});

describe('response encoding', () => {
  it('base64-encodes strings at any depth, leaving OK, integers and nil alone', async () => {
    expect((await post('/', ['SET', `${prefix}enc`, 'bar'])).body).toEqual({ result: 'OK' });
    expect((await post('/', ['GET', `${prefix}enc`])).body).toEqual({ result: b64('bar') });
    expect((await post('/', ['GET', `${prefix}nothing`])).body).toEqual({ result: null });

    const script = "return {7, 'top', {'mid', {'low'}}}";
    const nested = await post('/', ['EVAL', script, 0]);
    expect(nested.body).toEqual({ result: [7, b64('top'), [b64('mid'), [b64('low')]]] });

    const pipeline = await post('/pipeline', [['GET', `${prefix}enc`], ['PING']]);
    expect(pipeline.body).toEqual([{ result: b64('bar') }, { result: b64('PONG') }]);
  });

  it('returns UTF-8 text without the encoding header', async () => {
    expect((await post('/', ['GET', `${prefix}enc`], { base64: false })).body).toEqual({
      result: 'bar',
    });
    const nested = await post('/', ['EVAL', "return {1, {'x'}}", 0], { base64: false });
    expect(nested.body).toEqual({ result: [1, ['x']] });
  });

  it('round-trips non-ASCII text through the SDK', async () => {
    const text = 'naïve 🦄 — 日本語';
    await direct.set(`${prefix}unicode`, text);
    expect(await direct.get(`${prefix}unicode`)).toBe(text);
    expect(await redis.get(`${prefix}unicode`)).toBe(text);
  });

  it('returns every byte 0x00-0xff exactly in base64 mode', async () => {
    const bytes = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    await redis.set(`${prefix}bytes`, bytes);

    const raw = await post('/', ['GET', `${prefix}bytes`]);
    const { result } = raw.body as { result: string };
    expect(Buffer.from(result, 'base64').equals(bytes)).toBe(true);

    const text = await post('/', ['GET', `${prefix}bytes`], { base64: false });
    expect((text.body as { result: string }).result).toContain('\uFFFD');
  });
});

describe('authentication', () => {
  it('rejects a wrong token with 401', async () => {
    const raw = await post('/', ['GET', `${prefix}x`], { token: 'wrong' });
    expect(raw).toEqual({ status: 401, body: { error: 'Unauthorized' } });
    await expect(client(bridge.url, { token: 'wrong' }).get('x')).rejects.toThrow(/Unauthorized/);
  });

  it('rejects a missing token with 401', async () => {
    const raw = await post('/', ['GET', `${prefix}x`], { token: null });
    expect(raw).toEqual({ status: 401, body: { error: 'Unauthorized' } });
  });
});

describe('errors', () => {
  it('answers a Redis error on one command with 400 {error}', async () => {
    await redis.set(`${prefix}word`, 'abc');
    const raw = await post('/', ['INCR', `${prefix}word`]);
    expect(raw).toEqual({
      status: 400,
      body: { error: 'ERR value is not an integer or out of range' },
    });
    await expect(direct.incr(`${prefix}word`)).rejects.toThrow(/not an integer/);
  });

  it('answers other methods with 405', async () => {
    const raw = await post('/', undefined, { method: 'GET' });
    expect(raw.status).toBe(405);
    expect(raw.body).toHaveProperty('error');
  });

  it('rejects malformed bodies with 400', async () => {
    for (const [path, body] of [
      ['/', '{not json'],
      ['/', '{"a":1}'],
      ['/', '[]'],
      ['/', '[["GET","k"]]'],
      ['/pipeline', '[]'],
      ['/pipeline', '["GET","k"]'],
      ['/multi-exec', '[[]]'],
    ] as const) {
      const raw = await post(path, body);
      expect(raw.status, `${path} ${body}`).toBe(400);
      expect(raw.body).toHaveProperty('error');
    }
  });

  it('refuses commands that would change the shared connection', async () => {
    for (const command of [['SELECT', '1'], ['MULTI'], ['SUBSCRIBE', 'c'], ['BLPOP', 'k', '0']]) {
      const raw = await post('/', command);
      expect(raw.status, command[0]).toBe(400);
    }
    const blocking = await post('/pipeline', [['XREAD', 'BLOCK', '0', 'STREAMS', 's', '$']]);
    expect(blocking.status).toBe(400);
    const inTransaction = await post('/multi-exec', [
      ['SET', `${prefix}sel`, 'v'],
      ['SELECT', '2'],
    ]);
    expect(inTransaction.status).toBe(400);
    expect(await redis.exists(`${prefix}sel`)).toBe(0);
  });

  it('answers an unknown path with 404 and an oversized body with 413', async () => {
    expect((await post('/set/k/v', ['GET', 'k'])).status).toBe(404);
    const huge = JSON.stringify(['SET', `${prefix}huge`, 'x'.repeat(11 * 1024 * 1024)]);
    expect((await post('/', huge)).status).toBe(413);
  });

  it('uses the DB index in the Redis URL', async () => {
    await direct.set(`${prefix}db`, 'here');
    expect(await redis.get(`${prefix}db`)).toBe('here');

    const url = new URL(inject('stack').redisUrl);
    url.pathname = `/${(Number(url.pathname.slice(1) || 0) + 1) % 16}`;
    const other = new Redis(url.toString());
    expect(await other.exists(`${prefix}db`)).toBe(0);
    other.disconnect();
  });

  it('logs errors without values or the token', () => {
    expect(logs.length).toBeGreaterThan(0);
    const text = JSON.stringify(logs);
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain('abc');
    expect(text).not.toContain(prefix);
  });
});

describe('when Redis goes away', () => {
  let port: number;
  let server: ChildProcess | undefined;
  let outageBridge: Bridge;

  beforeAll(async () => {
    port = await freePort();
    outageBridge = await startBridge({
      redisUrl: `redis://127.0.0.1:${port}/0`,
      token: TOKEN,
      log: () => {},
    });
  });

  afterAll(async () => {
    await outageBridge.close();
    await stopRedis(server);
  });

  it('answers 5xx quickly while Redis is not up yet, then works once it starts', async () => {
    const started = Date.now();
    const down = await post('/', ['PING'], { bridgeUrl: outageBridge.url });
    expect(down.status).toBe(503);
    expect(down.body).toHaveProperty('error');
    expect(Date.now() - started).toBeLessThan(1_000);

    server = await startRedis(port);
    await eventually(async () => {
      const up = await post('/', ['SET', 'k', 'v'], { bridgeUrl: outageBridge.url });
      expect(up.status).toBe(200);
    });
  });

  it('answers 5xx quickly after Redis stops, for every endpoint, then recovers', async () => {
    await stopRedis(server);

    for (const [path, body] of [
      ['/', ['GET', 'k']],
      ['/pipeline', [['GET', 'k']]],
      ['/multi-exec', [['SET', 'k', 'v']]],
    ] as const) {
      const started = Date.now();
      const down = await post(path, body, { bridgeUrl: outageBridge.url });
      expect(down.status, path).toBe(503);
      expect(down.body).toHaveProperty('error');
      expect(Date.now() - started).toBeLessThan(1_000);
    }
    const sdk = client(outageBridge.url, { enableAutoPipelining: false });
    await expect(sdk.get('k')).rejects.toThrow(/Redis unavailable/);

    server = await startRedis(port);
    await eventually(async () => {
      expect(await sdk.set('k', 'back')).toBe('OK');
    });
    expect(await sdk.get('k')).toBe('back');
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** A throwaway redis-server with no persistence, ready once it answers PING. */
async function startRedis(port: number): Promise<ChildProcess> {
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
  const child = spawn('redis-server', args, { stdio: 'ignore' });
  const probe = new Redis({ port, lazyConnect: true, retryStrategy: () => 50 });
  probe.on('error', () => {});
  await eventually(async () => expect(await probe.ping()).toBe('PONG'));
  probe.disconnect();
  return child;
}

async function stopRedis(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null) {
    return;
  }
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

async function eventually(check: () => Promise<void>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) {
        throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
