import type { MiddlewareHandler } from 'hono';
import { createLogger, type Logger } from '../log.js';
import { createApplicationTokens } from './application-token.js';
import { createCheck } from './check.js';
import { parseLibAuthConfig, type LibAuthConfig, type LibAuthEnv } from './config.js';
import { authorizeMiddleware, type AuthorizeOptions } from './middleware.js';
import { createOfflineDecider } from './offline.js';
import type { CheckOutcome, CheckRequest } from './outcome.js';
import { createRemoteDecider } from './remote.js';
import { askAuth, type FetchFunction, type Transport } from './transport.js';

/** What an embedding service may supply besides its environment. */
export interface LibAuthOptions {
  /** How auth is reached; a service binding's fetch in a Worker. Default: global `fetch`. */
  fetch?: FetchFunction;
  /** Clock in milliseconds, for the caches. Default: `Date.now`. */
  now?: () => number;
  /** Where refusals and outages are logged. Default: JSON lines at `warn` and above. */
  log?: Logger;
}

/** One configured lib-auth: its own config and caches. */
export interface LibAuth {
  readonly config: LibAuthConfig;
  /** The framework-free decision for one request. Never throws. */
  check(request: CheckRequest): Promise<CheckOutcome>;
  /** Hono middleware requiring `{product, resource, action}`. */
  authorize(options: AuthorizeOptions): MiddlewareHandler;
  /** An application's access token, cached until shortly before it expires. */
  getApplicationToken(clientId: string, clientSecret: string): Promise<string>;
  /** Whether auth answers `GET /health` with 200 `healthy` (COMPAT.md). */
  health(): Promise<boolean>;
}

/**
 * Creates a lib-auth from an env-like object (`PLUGIN_AUTH_*`). Caches live in the returned
 * instance, so create one per isolate and reuse it. Throws `LibAuthConfigError` on bad values.
 */
export function createLibAuth(env: LibAuthEnv, options: LibAuthOptions = {}): LibAuth {
  const config = parseLibAuthConfig(env);
  const now = options.now ?? Date.now;
  const log = options.log ?? createLogger({ component: 'lib-auth' }, 'warn');
  const transport: Transport = {
    fetch: options.fetch ?? ((input, init) => fetch(input, init)),
    address: config.address,
    timeoutMs: config.timeoutMs,
  };

  const deps = { config, transport, now };
  const decide = config.mode === 'offline' ? createOfflineDecider(deps) : createRemoteDecider(deps);
  const check = createCheck({ config, decide, log });

  return {
    config,
    check,
    authorize: (wanted) => authorizeMiddleware(check, wanted),
    getApplicationToken: createApplicationTokens(deps),
    health: () => isHealthy(transport),
  };
}

async function isHealthy(transport: Transport): Promise<boolean> {
  try {
    const answer = await askAuth(transport, '/health', { method: 'GET' });
    return answer.status === 200 && answer.text === 'healthy';
  } catch {
    return false;
  }
}
