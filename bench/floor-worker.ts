import { SignJWT, generateKeyPair } from 'jose';

/**
 * The floor: a Worker that runs one primitive `n` times per request, started by bench/floor.ts
 * under `wrangler dev` so it runs in the same workerd as the auth worker. It returns no timing
 * of its own: the bench reads workerd's CPU time around each request and subtracts an `n=0`
 * request (see floor.ts). Only web APIs and jose, so it also typechecks as Node code.
 *
 * GET /?op=sign|digest|scram&n=<count>
 */

type Op = (count: number) => Promise<void>;

const MAX_COUNT = 100_000;
/** Iterations Postgres uses for SCRAM-SHA-256 password verifiers by default. */
const SCRAM_ITERATIONS = 4096;

let signingKey: CryptoKey | undefined;

/** One ES256 access token per iteration, with claims shaped like the auth worker's. */
const sign: Op = async (count) => {
  signingKey ??= (await generateKeyPair('ES256')).privateKey;
  const now = Math.floor(Date.now() / 1000);
  for (let i = 0; i < count; i++) {
    await new SignJWT({
      client_id: 'bench-client',
      azp: 'bench-client',
      scope: '',
      type: 'application',
      owner: 'lerian',
      name: 'bench-m2m',
      jti: crypto.randomUUID(),
    })
      .setProtectedHeader({ alg: 'ES256', kid: 'bench', typ: 'at+jwt' })
      .setIssuer('http://127.0.0.1:4000')
      .setSubject(crypto.randomUUID())
      .setAudience('ledger')
      .setIssuedAt(now)
      .setNotBefore(now)
      .setExpirationTime(now + 3600)
      .sign(signingKey);
  }
};

/** One SHA-256 of a 43-character secret (a client secret or refresh token) per iteration. */
const digest: Op = async (count) => {
  const secret = 'x'.repeat(43);
  for (let i = 0; i < count; i++) {
    await crypto.subtle.digest('SHA-256', new TextEncoder().encode(secret));
  }
};

/**
 * Reference, not floor: the SCRAM client proof as the Neon driver computes it on every new
 * connection, PBKDF2 as 4096 awaited HMAC calls (Hi() of RFC 5802 §2.2), once per iteration.
 */
const scram: Op = async (count) => {
  const encoder = new TextEncoder();
  for (let i = 0; i < count; i++) {
    const key = await crypto.subtle.importKey(
      'raw',
      encoder.encode('a-database-password'),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign'],
    );
    let block = new Uint8Array(await crypto.subtle.sign('HMAC', key, new Uint8Array(20)));
    const result = block.slice();
    for (let round = 1; round < SCRAM_ITERATIONS; round++) {
      block = new Uint8Array(await crypto.subtle.sign('HMAC', key, block));
      result.forEach((byte, index) => {
        result[index] = byte ^ (block[index] ?? 0);
      });
    }
  }
};

const OPS: Record<string, Op> = { sign, digest, scram };

export default {
  async fetch(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const op = OPS[url.searchParams.get('op') ?? ''];
    const count = Number(url.searchParams.get('n') ?? '0');
    if (url.pathname === '/ready') {
      return new Response('ok');
    }
    if (!op || !Number.isInteger(count) || count < 0 || count > MAX_COUNT) {
      return new Response('want ?op=sign|digest|scram&n=0..100000', { status: 400 });
    }
    await op(count);
    return Response.json({ op: url.searchParams.get('op'), n: count });
  },
};
