import { decodeJwt } from 'jose';
import { authenticateAccessToken } from '../auth/authenticate.js';
import type { Principal } from '../auth/principal.js';
import type { AccessTokenClaims } from '../crypto/jwt.js';
import type { Services } from '../http/context.js';
import type { Permission } from '../policy/evaluate.js';
import { loadPermissions, loadRoleNames } from '../store/rbac.js';
import { readVersions, type Versions } from './versions.js';

/** What a decision needs about the caller. */
export interface DecisionContext {
  principal: Principal;
  claims: AccessTokenClaims;
  permissions: Permission[];
  /** Role names an application holds (the legacy `admin/<product>-editor-role` subject). */
  roleNames: string[];
}

/**
 * The longest an isolate reuses a context without Postgres, whatever the counters say. It bounds
 * staleness only in a double fault: the cache down exactly when a change was made, and back
 * (with its old counters) before this elapses.
 */
export const CONTEXT_MAX_AGE_MS = 30_000;
const MAX_ENTRIES = 10_000;

interface Entry {
  context: DecisionContext;
  versions: Versions;
  builtAt: number;
}

/** Per isolate, keyed by the token itself (a verified token maps to one principal forever). */
const contexts = new Map<string, Entry>();

export type ContextResult = { ok: true; context: DecisionContext } | { ok: false; reason: string };

/**
 * The caller's decision context. Warm path: the token was seen in this isolate, and the epoch
 * and principal counters in the cache still match the ones the context was built under — one
 * cache round trip, no Postgres, no signature check. Otherwise (first sight, a change, a flushed
 * or unreachable cache) everything is rebuilt from Postgres: verification, liveness, permissions.
 */
export async function decisionContext(
  services: Services,
  token: string,
  now: Date,
): Promise<ContextResult> {
  const cached = contexts.get(token);
  if (cached && cached.context.claims.exp * 1000 > now.getTime()) {
    const { principal } = cached.context;
    const current = await readVersions(services, principal.kind, principal.id);
    const fresh = now.getTime() - cached.builtAt < CONTEXT_MAX_AGE_MS;
    if (current && fresh && sameVersions(current, cached.versions)) {
      return { ok: true, context: cached.context };
    }
  }
  contexts.delete(token);

  // Counters first: a change racing the rebuild bumps them after, so the next call rebuilds.
  // The claims used to name the counters are unverified here; verification follows at once.
  const unverified = peekSubject(token);
  const versions = unverified
    ? await readVersions(services, unverified.kind, unverified.id)
    : undefined;

  const authenticated = await authenticateAccessToken(services, token, now);
  if (!authenticated.ok) {
    return { ok: false, reason: authenticated.reason };
  }
  const { principal, claims } = authenticated;
  const matches = unverified?.kind === principal.kind && unverified.id === principal.id;
  const db = services.db();
  const [permissions, roleNames] = await Promise.all([
    loadPermissions(db, principal),
    principal.kind === 'application' ? loadRoleNames(db, principal.id) : Promise.resolve([]),
  ]);
  const context: DecisionContext = { principal, claims, permissions, roleNames };

  if (versions && matches) {
    remember(token, { context, versions, builtAt: now.getTime() });
  }
  return { ok: true, context };
}

function peekSubject(token: string): { kind: 'user' | 'application'; id: string } | undefined {
  try {
    const claims = decodeJwt(token);
    if (typeof claims.sub !== 'string') {
      return undefined;
    }
    return { kind: claims.type === 'application' ? 'application' : 'user', id: claims.sub };
  } catch {
    return undefined;
  }
}

function sameVersions(a: Versions, b: Versions): boolean {
  return a.epoch === b.epoch && a.principal === b.principal;
}

function remember(token: string, entry: Entry): void {
  if (contexts.size >= MAX_ENTRIES) {
    // Oldest first: Map keeps insertion order.
    const oldest = contexts.keys().next().value;
    if (oldest !== undefined) {
      contexts.delete(oldest);
    }
  }
  contexts.set(token, entry);
}
