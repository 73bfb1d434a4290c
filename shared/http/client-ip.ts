import type { Context } from 'hono';

/**
 * The caller's IP: `CF-Connecting-IP`, which Cloudflare sets and callers cannot forge. Never
 * `X-Forwarded-For` (SPEC §3.1). Absent locally unless a test or proxy sets it.
 */
export function clientIp(c: Context): string {
  const value = c.req.header('CF-Connecting-IP')?.trim();
  return value && value.length <= 64 ? value : 'unknown';
}
