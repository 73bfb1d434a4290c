import { env } from 'cloudflare:workers';
import { call } from './call.js';

/** A fresh IP per test client, so the per-IP rate limits of one test never touch another. */
export function randomIp(): string {
  const byte = () => Math.floor(Math.random() * 254) + 1;
  return `10.${byte()}.${byte()}.${byte()}`;
}

export interface Tokens {
  accessToken: string;
  refreshToken?: string;
  idToken?: string;
  expiresIn: number;
  scope: string;
  tokenType: string;
}

/** The seeded first-party console's credentials. */
export const consoleClient = () => ({
  clientId: env.TEST_CONSOLE_CLIENT_ID,
  clientSecret: env.TEST_CONSOLE_CLIENT_SECRET,
});

/** A typed client for the auth function's token routes, as the ledger console calls them. */
export class AuthClient {
  constructor(
    readonly ip = randomIp(),
    /** Binding overrides for every call, e.g. a shorter refresh grace window. */
    readonly bindings: Partial<Cloudflare.Env> = {},
  ) {}

  /** POST a compat JSON body; returns the raw response. */
  async compat(path: string, body: unknown, headers: Record<string, string> = {}) {
    return call(
      'auth',
      path,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'CF-Connecting-IP': this.ip, ...headers },
        body: JSON.stringify(body),
      },
      this.bindings,
    );
  }

  /** POST an RFC form body to an /oauth/* route; returns the raw response. */
  async form(path: string, params: Record<string, string>, headers: Record<string, string> = {}) {
    return call(
      'auth',
      path,
      {
        method: 'POST',
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded',
          'CF-Connecting-IP': this.ip,
          ...headers,
        },
        body: new URLSearchParams(params).toString(),
      },
      this.bindings,
    );
  }

  /** The console's password sign-in; throws unless it succeeds. */
  async passwordGrant(username: string, password: string, client = consoleClient()) {
    const response = await this.compat('/v1/login/oauth/access_token', {
      grantType: 'password',
      username,
      password,
      ...client,
    });
    return expectTokens(response);
  }

  /** The SDK's client_credentials call; throws unless it succeeds. */
  async clientCredentials(clientId: string, clientSecret: string) {
    const response = await this.compat('/v1/login/oauth/access_token', {
      grantType: 'client_credentials',
      clientId,
      clientSecret,
    });
    return expectTokens(response);
  }

  /** Compat refresh; returns the raw response. */
  async refresh(
    refreshToken: string,
    client: { clientId?: string; clientSecret?: string } = consoleClient(),
  ) {
    return this.compat('/v1/login/oauth/refresh_token', { refreshToken, ...client });
  }
}

/** Signs in as the seeded admin. */
export function signInAsAdmin(client = new AuthClient()): Promise<Tokens> {
  return client.passwordGrant('admin', env.TEST_ADMIN_PASSWORD);
}

export async function expectTokens(response: Response): Promise<Tokens> {
  if (response.status !== 200) {
    throw new Error(`token request failed: ${response.status} ${await response.text()}`);
  }
  return response.json<Tokens>();
}

/** Basic credentials as RFC 6749 §2.3.1 encodes them (form-urlencoded, then base64). */
export function basic(clientId: string, clientSecret: string): string {
  const encode = (value: string) => encodeURIComponent(value).replace(/%20/g, '+');
  return `Basic ${btoa(`${encode(clientId)}:${encode(clientSecret)}`)}`;
}

/** RFC 7662 introspection by `client`; returns the parsed body. */
export async function introspect(
  client: AuthClient,
  token: string,
  credentials = consoleClient(),
): Promise<Record<string, unknown>> {
  const response = await client.form(
    '/oauth/introspect',
    { token },
    {
      Authorization: basic(credentials.clientId, credentials.clientSecret),
    },
  );
  if (response.status !== 200) {
    throw new Error(`introspection failed: ${response.status} ${await response.text()}`);
  }
  return response.json<Record<string, unknown>>();
}
