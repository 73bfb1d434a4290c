import { hitRateLimit } from '../../../shared/cache/rate-limit.js';
import { AppError } from '../../../shared/errors.js';
import type { Services } from '../../../shared/http/context.js';

/**
 * SPEC §3.1: token-endpoint requests per minute per client IP and username (or client id).
 * The key never uses X-Forwarded-For, so rotating it changes nothing. `peekKey` is read in the
 * same cache round trip and returned (the client record, on the client_credentials hot path).
 */
export async function limitTokenRequests(
  services: Services,
  ip: string,
  subject: string,
  now: Date,
  peekKey?: string,
): Promise<unknown> {
  const { result, peeked } = await hitRateLimit(services.cache(), services.log, {
    scope: 'token',
    subject: `${ip}\n${subject.normalize('NFKC').toLowerCase()}`,
    limit: services.config.tokenRateLimitPerMinute,
    windowSeconds: 60,
    now,
    ...(peekKey ? { peekKey } : {}),
  });
  if (!result.allowed) {
    throw new AppError('rate_limited', {
      reason: 'token_rate_limit',
      headers: { 'Retry-After': String(result.retryAfterSeconds) },
    });
  }
  return peeked;
}
