import { decodeJwt } from 'jose';
import { z } from 'zod';
import type { UnauthenticatedReason } from './outcome.js';

/** Longest token read; anything longer is refused before decoding (real ones are ~1 KB). */
export const MAX_TOKEN_LENGTH = 8192;

const compactJws = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/** The token of an Authorization header, or why there is none usable. */
export type ReadToken =
  | { ok: true; token: string }
  | { ok: false; reason: Extract<UnauthenticatedReason, 'token_missing' | 'token_malformed'> };

/**
 * Reads `Bearer <token>` (RFC 6750 §2.1) or the bare token the Go lib-auth forwards
 * (COMPAT.md). Only the shape is checked here: three base64url parts, bounded length.
 */
export function readToken(header: string | null | undefined): ReadToken {
  const value = header?.trim() ?? '';
  const token = /^bearer(\s+|$)/i.test(value) ? value.slice(6).trim() : value;
  if (!token) {
    return { ok: false, reason: 'token_missing' };
  }

  if (token.length > MAX_TOKEN_LENGTH || !compactJws.test(token)) {
    return { ok: false, reason: 'token_malformed' };
  }
  return { ok: true, token };
}

/** The claims lib-auth reads before anything is verified (COMPAT.md: `type`, `owner`, `sub`). */
export interface UnverifiedClaims {
  sub?: string;
  type?: string;
  owner?: string;
}

const unverifiedClaims = z.object({
  sub: z.string().min(1).optional(),
  type: z.string().optional(),
  owner: z.string().min(1).optional(),
});

/**
 * Decodes the payload without verifying it, as the Go lib-auth does. Good enough to *name* a
 * subject for auth, never to trust it: auth verifies the token and checks that the subject is
 * the token's own (SPEC §3.4). Undefined when the payload is not a JSON object of that shape.
 */
export function readUnverifiedClaims(token: string): UnverifiedClaims | undefined {
  try {
    const parsed = unverifiedClaims.safeParse(decodeJwt(token));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
