import { z } from 'zod';
import { LibAuthConfigError } from './errors.js';

/** How decisions are made: ask auth each time (cached briefly) or verify tokens locally. */
export type LibAuthMode = 'remote' | 'offline';

/** lib-auth's settings, parsed and validated once by `parseLibAuthConfig`. */
export interface LibAuthConfig {
  /** Off: every request passes and nothing is checked. */
  enabled: boolean;
  /** Auth's base URL without a trailing slash; required when enabled. */
  address?: string;
  mode: LibAuthMode;
  /**
   * The revocation bound: how long a revoked token can keep passing. Offline permission maps
   * and remote decisions are never cached longer than this.
   */
  maxStalenessSeconds: number;
  /** How long a remote decision is reused (never more than `maxStalenessSeconds`). */
  decisionCacheSeconds: number;
  /** Limit on every call to auth. */
  timeoutMs: number;
  /** Offline: `iss` the tokens must carry, when set. */
  issuer?: string;
  /** Offline: an `aud` the tokens must carry, when set. */
  audience?: string;
  /** An application token is renewed this many seconds before it expires. */
  renewMarginSeconds: number;
  /** Most entries each in-memory cache holds. */
  cacheMaxEntries: number;
}

/** The variables lib-auth reads; Worker vars arrive as strings, TOML vars may be typed. */
export interface LibAuthEnv {
  PLUGIN_AUTH_ENABLED?: string | boolean;
  PLUGIN_AUTH_ADDRESS?: string;
  PLUGIN_AUTH_MODE?: string;
  PLUGIN_AUTH_OFFLINE_MAX_STALENESS_SECONDS?: string | number;
  PLUGIN_AUTH_DECISION_CACHE_SECONDS?: string | number;
  PLUGIN_AUTH_TIMEOUT_MS?: string | number;
  PLUGIN_AUTH_ISSUER?: string;
  PLUGIN_AUTH_AUDIENCE?: string;
  PLUGIN_AUTH_TOKEN_RENEW_MARGIN_SECONDS?: string | number;
  PLUGIN_AUTH_CACHE_MAX_ENTRIES?: string | number;
}

// An empty variable counts as unset, so `FOO=` in a .dev.vars falls back to the default.
const unsetIfEmpty = (value: unknown) => (value === '' ? undefined : value);

const flag = z.preprocess(unsetIfEmpty, z.union([z.boolean(), z.stringbool()]).default(false));

const count = (min: number, max: number, fallback: number) =>
  z.preprocess(unsetIfEmpty, z.coerce.number().int().min(min).max(max).default(fallback));

const text = z.preprocess(unsetIfEmpty, z.string().trim().min(1).optional());

const schema = z
  .object({
    PLUGIN_AUTH_ENABLED: flag,
    PLUGIN_AUTH_ADDRESS: z.preprocess(unsetIfEmpty, z.url({ protocol: /^https?$/ }).optional()),
    PLUGIN_AUTH_MODE: z.preprocess(unsetIfEmpty, z.enum(['remote', 'offline']).default('remote')),
    PLUGIN_AUTH_OFFLINE_MAX_STALENESS_SECONDS: count(0, 3600, 30),
    PLUGIN_AUTH_DECISION_CACHE_SECONDS: count(0, 3600, 5),
    PLUGIN_AUTH_TIMEOUT_MS: count(1, 60_000, 3000),
    PLUGIN_AUTH_ISSUER: text,
    PLUGIN_AUTH_AUDIENCE: text,
    PLUGIN_AUTH_TOKEN_RENEW_MARGIN_SECONDS: count(0, 86_400, 60),
    PLUGIN_AUTH_CACHE_MAX_ENTRIES: count(1, 1_000_000, 10_000),
  })
  .refine((env) => !env.PLUGIN_AUTH_ENABLED || env.PLUGIN_AUTH_ADDRESS !== undefined, {
    path: ['PLUGIN_AUTH_ADDRESS'],
    message: 'required when PLUGIN_AUTH_ENABLED is true',
  });

/** Parses lib-auth's variables out of `env` (other keys are ignored); throws on bad values. */
export function parseLibAuthConfig(env: LibAuthEnv): LibAuthConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new LibAuthConfigError(issues);
  }

  const vars = parsed.data;
  const maxStalenessSeconds = vars.PLUGIN_AUTH_OFFLINE_MAX_STALENESS_SECONDS;
  return {
    enabled: vars.PLUGIN_AUTH_ENABLED,
    address: vars.PLUGIN_AUTH_ADDRESS?.replace(/\/+$/, ''),
    mode: vars.PLUGIN_AUTH_MODE,
    maxStalenessSeconds,
    // A cached decision is a revocation window too, so it never outlives the stated bound.
    decisionCacheSeconds: Math.min(vars.PLUGIN_AUTH_DECISION_CACHE_SECONDS, maxStalenessSeconds),
    timeoutMs: vars.PLUGIN_AUTH_TIMEOUT_MS,
    issuer: vars.PLUGIN_AUTH_ISSUER,
    audience: vars.PLUGIN_AUTH_AUDIENCE,
    renewMarginSeconds: vars.PLUGIN_AUTH_TOKEN_RENEW_MARGIN_SECONDS,
    cacheMaxEntries: vars.PLUGIN_AUTH_CACHE_MAX_ENTRIES,
  };
}
