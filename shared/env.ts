/**
 * The bindings both workers receive. Every value is a string (Worker vars and secrets);
 * `shared/config.ts` parses and validates them once.
 */
export interface Env {
  DATABASE_URL: string;
  /** Local only: `host:port` of the WebSocket-to-TCP proxy in front of a plain Postgres. */
  DATABASE_WS_PROXY?: string;
  UPSTASH_REDIS_REST_URL: string;
  UPSTASH_REDIS_REST_TOKEN: string;
  ISSUER?: string;
  ORGANIZATION?: string;
  KEY_ENCRYPTION_KEY?: string;
  PASSWORD_PEPPER?: string;
  ACCESS_TOKEN_TTL?: string;
  REFRESH_TOKEN_TTL?: string;
  TOKEN_SIGNING_ALG?: string;
  LOG_LEVEL?: string;
  PASSWORD_PEPPER_ID?: string;
  TOKEN_AUDIENCE?: string;
  TOKEN_RATE_LIMIT_PER_MINUTE?: string;
  REFRESH_REUSE_GRACE_SECONDS?: string;
  LOCKOUT_THRESHOLD?: string;
  LOCKOUT_MINUTES?: string;
  SECRET_ROTATION_OVERLAP_SECONDS?: string;
}
