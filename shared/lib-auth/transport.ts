import { LibAuthError } from './errors.js';

/**
 * How lib-auth reaches auth: the global `fetch`, or a Worker service binding's `fetch`
 * (`(input, init) => env.AUTH.fetch(input, init)`), or anything with that shape.
 */
export type FetchFunction = (input: string, init?: RequestInit) => Promise<Response>;

/** Where and how auth is called. */
export interface Transport {
  fetch: FetchFunction;
  address?: string;
  timeoutMs: number;
}

/** Auth's answer: the status, the raw body and its JSON (undefined when it is not JSON). */
export interface AuthAnswer {
  status: number;
  text: string;
  body: unknown;
}

/**
 * Calls auth at `path` and reads its JSON answer, the whole exchange within the timeout. A
 * network failure or a timeout throws `LibAuthError('unavailable')`; any status is returned.
 */
export async function askAuth(
  transport: Transport,
  path: string,
  init: RequestInit,
): Promise<AuthAnswer> {
  if (!transport.address) {
    throw new LibAuthError('not_configured', 'address_missing');
  }

  const signal = AbortSignal.timeout(transport.timeoutMs);
  const timedOut = new Promise<never>((_, reject) => {
    signal.addEventListener('abort', () => reject(new LibAuthError('unavailable', 'auth_timeout')));
  });
  // Settles after the race is over when the call was fast; nobody awaits it then.
  timedOut.catch(() => undefined);

  const url = `${transport.address}${path}`;
  const exchange = transport.fetch(url, { ...init, signal }).then(readAnswer);
  try {
    return await Promise.race([exchange, timedOut]);
  } catch (error) {
    if (error instanceof LibAuthError) {
      throw error;
    }
    throw new LibAuthError('unavailable', 'auth_unreachable', { cause: error });
  }
}

/** The compat error `code` of an answer's body, if it has one. */
export function errorCode(body: unknown): string | undefined {
  if (body && typeof body === 'object' && 'code' in body && typeof body.code === 'string') {
    return body.code;
  }
  return undefined;
}

async function readAnswer(response: Response): Promise<AuthAnswer> {
  const text = await response.text();
  return { status: response.status, text, body: parseJson(text) };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
