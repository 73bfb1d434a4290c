import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import auth from '../../../../functions/auth/index.js';
import type { FetchFunction } from '../../../../shared/lib-auth/index.js';
import { randomIp } from '../../support/auth-client.js';

/** A fetch for lib-auth that records what it was asked for (`"GET /v1/permissions"`, ...). */
export interface RecordingFetch {
  fetch: FetchFunction;
  calls: string[];
  /** How many calls went to `path`. */
  count(path: string): number;
}

/**
 * lib-auth's fetch routed to the real auth function in this isolate, with the test bindings
 * (real Postgres and cache): no network and no mock, auth itself answers. Each recorder has its
 * own client IP, as Cloudflare would set it, so rate limits of one test never touch another.
 */
export function authFetch(bindings: Partial<Cloudflare.Env> = {}, ip = randomIp()): RecordingFetch {
  return recording(async (request) => {
    request.headers.set('CF-Connecting-IP', ip);
    const ctx = createExecutionContext();
    const response = await auth.fetch(request, { ...env, ...bindings }, ctx);
    await waitOnExecutionContext(ctx);
    return response;
  });
}

/** Routes to `through` until `down` is set, then fails as an unreachable host does. */
export function switchable(through: RecordingFetch): RecordingFetch & { down: boolean } {
  const state = { down: false };
  const fetch: FetchFunction = (input, init) =>
    state.down
      ? Promise.reject(new TypeError('Network connection lost.'))
      : through.fetch(input, init);
  return Object.assign(state, { fetch, calls: through.calls, count: through.count });
}

/** A fetch that fails as a refused connection does. */
export function unreachableFetch(): RecordingFetch {
  return recording(() => Promise.reject(new TypeError('Network connection lost.')));
}

/** A fetch that never answers (it only gives up when lib-auth aborts it). */
export function hangingFetch(): RecordingFetch {
  return recording(
    (request) =>
      new Promise<Response>((_, reject) => {
        request.signal.addEventListener('abort', () => reject(request.signal.reason));
      }),
  );
}

function recording(send: (request: Request) => Promise<Response>): RecordingFetch {
  const calls: string[] = [];
  return {
    calls,
    count: (path) => calls.filter((call) => call.split(' ')[1] === path).length,
    fetch: (input, init) => {
      const request = new Request(input, init);
      calls.push(`${request.method} ${new URL(request.url).pathname}`);
      return send(request);
    },
  };
}
