import { z } from 'zod';
import type { Env } from './env.js';
import { parseLogLevel, type LogLevel } from './log.js';

const seconds = (fallback: number) =>
  z.coerce
    .number()
    .int()
    .min(60)
    .max(90 * 24 * 3600)
    .default(fallback);

const schema = z.object({
  DATABASE_URL: z.string().url(),
  DATABASE_WS_PROXY: z.string().optional(),
  UPSTASH_REDIS_REST_URL: z.string().url(),
  UPSTASH_REDIS_REST_TOKEN: z.string().min(1),
  ISSUER: z.string().url().default('http://127.0.0.1:4000'),
  ORGANIZATION: z.string().min(1).default('lerian'),
  ACCESS_TOKEN_TTL: seconds(3600),
  REFRESH_TOKEN_TTL: seconds(24 * 3600),
  TOKEN_SIGNING_ALG: z.enum(['ES256', 'RS256', 'EdDSA']).default('ES256'),
  LOG_LEVEL: z.string().optional(),
  KEY_ENCRYPTION_KEY: z.string().optional(),
  PASSWORD_PEPPER: z.string().optional(),
  PASSWORD_PEPPER_ID: z.string().default('1'),
  TOKEN_AUDIENCE: z.string().min(1).default('ledger'),
  TOKEN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(10),
  REFRESH_REUSE_GRACE_SECONDS: z.coerce.number().int().min(0).max(60).default(5),
  LOCKOUT_THRESHOLD: z.coerce.number().int().min(1).max(100).default(5),
  LOCKOUT_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
  SECRET_ROTATION_OVERLAP_SECONDS: z.coerce
    .number()
    .int()
    .min(0)
    .max(30 * 24 * 3600)
    .default(24 * 3600),
});

/** Settings both functions share, parsed from the Worker bindings. */
export interface Config {
  databaseUrl: string;
  databaseWsProxy: string | undefined;
  cacheUrl: string;
  cacheToken: string;
  issuer: string;
  organization: string;
  accessTokenTtl: number;
  refreshTokenTtl: number;
  signingAlg: 'ES256' | 'RS256' | 'EdDSA';
  logLevel: LogLevel;
  /** Absent in a function that never signs. */
  keyEncryptionKey: string | undefined;
  passwordPepper: string | undefined;
  passwordPepperId: string;
  audience: string;
  /** Token-endpoint requests a minute per client IP and username or client id (SPEC §3.1). */
  tokenRateLimitPerMinute: number;
  /** A rotated refresh token seen again within this many seconds is refused without revoking. */
  refreshReuseGraceSeconds: number;
  lockoutThreshold: number;
  lockoutMinutes: number;
  /** How long a rotated-out client secret keeps working after a new one is issued. */
  secretRotationOverlapSeconds: number;
}

/** Thrown at start-up of a request when the bindings are not a valid configuration. */
export class ConfigError extends Error {
  constructor(readonly issues: string[]) {
    super(`invalid configuration: ${issues.join('; ')}`);
    this.name = 'ConfigError';
  }
}

const parsed = new WeakMap<object, Config>();

/** Parses the bindings once per isolate (the env object is stable across requests). */
export function loadConfig(env: Env): Config {
  const cached = parsed.get(env);
  if (cached) {
    return cached;
  }

  const result = schema.safeParse(env);
  if (!result.success) {
    // Names only: a value may be a secret.
    throw new ConfigError(result.error.issues.map((issue) => issue.path.join('.')));
  }

  const values = result.data;
  const config: Config = {
    databaseUrl: values.DATABASE_URL,
    databaseWsProxy: values.DATABASE_WS_PROXY || undefined,
    cacheUrl: values.UPSTASH_REDIS_REST_URL,
    cacheToken: values.UPSTASH_REDIS_REST_TOKEN,
    issuer: values.ISSUER,
    organization: values.ORGANIZATION,
    accessTokenTtl: values.ACCESS_TOKEN_TTL,
    refreshTokenTtl: values.REFRESH_TOKEN_TTL,
    signingAlg: values.TOKEN_SIGNING_ALG,
    logLevel: parseLogLevel(values.LOG_LEVEL),
    keyEncryptionKey: values.KEY_ENCRYPTION_KEY || undefined,
    passwordPepper: values.PASSWORD_PEPPER || undefined,
    passwordPepperId: values.PASSWORD_PEPPER_ID,
    audience: values.TOKEN_AUDIENCE,
    tokenRateLimitPerMinute: values.TOKEN_RATE_LIMIT_PER_MINUTE,
    refreshReuseGraceSeconds: values.REFRESH_REUSE_GRACE_SECONDS,
    lockoutThreshold: values.LOCKOUT_THRESHOLD,
    lockoutMinutes: values.LOCKOUT_MINUTES,
    secretRotationOverlapSeconds: values.SECRET_ROTATION_OVERLAP_SECONDS,
  };
  parsed.set(env, config);
  return config;
}
