import { Pool } from 'undici';

/** One answer, read to the end. */
export interface Answer {
  status: number;
  body: string;
}

/** A keep-alive HTTP/1.1 client for one origin that POSTs forms (and JSON). */
export interface FormClient {
  post(
    path: string,
    form: Record<string, string>,
    headers?: Record<string, string>,
  ): Promise<Answer>;
  /** POSTs `body`, already serialized, as application/json. */
  postJson(path: string, body: string, headers?: Record<string, string>): Promise<Answer>;
  close(): Promise<void>;
}

/**
 * undici's connection pool, `connections` sockets kept open: far cheaper per request than
 * `fetch`, which matters when the load generator shares the machine with what it measures.
 * undici is not a direct dependency; it is the copy wrangler's miniflare brings.
 */
export function formClient(origin: string, connections: number): FormClient {
  const pool = new Pool(origin, { connections, keepAliveTimeout: 60_000 });
  const send = async (path: string, body: string, headers: Record<string, string>) => {
    const response = await pool.request({
      path,
      method: 'POST',
      headers,
      body,
      headersTimeout: 30_000,
      bodyTimeout: 30_000,
    });
    return { status: response.statusCode, body: await response.body.text() };
  };
  return {
    post: (path, form, headers = {}) =>
      send(path, new URLSearchParams(form).toString(), {
        'content-type': 'application/x-www-form-urlencoded',
        ...headers,
      }),
    postJson: (path, body, headers = {}) =>
      send(path, body, { 'content-type': 'application/json', ...headers }),
    close: () => pool.close(),
  };
}

/** RFC 6749 §2.3.1: HTTP Basic with the form-urlencoded id and secret. */
export function basicAuth(clientId: string, clientSecret: string): Record<string, string> {
  const pair = `${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`;
  return { authorization: `Basic ${Buffer.from(pair).toString('base64')}` };
}
