import { expect } from 'vitest';
import { call } from '../../support/call.js';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A typed client for the identity function, as the console calls it (Bearer + JSON). */
export class IdentityClient {
  constructor(
    readonly token?: string,
    readonly ip = '198.51.100.7',
    readonly bindings: Partial<Cloudflare.Env> = {},
  ) {}

  /** Sends a request; a body other than a string is JSON-encoded. */
  request(method: Method, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const init: RequestInit = {
      method,
      headers: {
        'CF-Connecting-IP': this.ip,
        ...(this.token ? { Authorization: `Bearer ${this.token}` } : {}),
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...headers,
      },
    };
    if (body !== undefined) {
      init.body = typeof body === 'string' ? body : JSON.stringify(body);
    }
    return call('identity', path, init, this.bindings);
  }

  get(path: string) {
    return this.request('GET', path);
  }

  post(path: string, body?: unknown) {
    return this.request('POST', path, body);
  }

  put(path: string, body: unknown) {
    return this.request('PUT', path, body);
  }

  patch(path: string, body: unknown) {
    return this.request('PATCH', path, body);
  }

  delete(path: string) {
    return this.request('DELETE', path);
  }
}

/** Asserts the status and returns the parsed JSON body. */
export async function expectJson<T = Record<string, unknown>>(
  response: Response,
  status: number,
): Promise<T> {
  const text = await response.text();
  expect(response.status, text).toBe(status);
  return JSON.parse(text) as T;
}

/** Asserts an error answer: status and compat code. */
export async function expectError(response: Response, status: number, code: string) {
  const body = await expectJson<{ code: string; title: string; message: string }>(response, status);
  expect(body.code, body.message).toBe(code);
  return body;
}

/** Asserts an empty 204. */
export async function expectNoContent(response: Response) {
  const text = await response.text();
  expect(response.status, text).toBe(204);
}
