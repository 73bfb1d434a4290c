import type { UnverifiedClaims } from './token.js';

/** The `type` claim of a person's token; anything else is treated as an application. */
export const PERSON_TYPE = 'normal-user';

/** The `sub` lib-auth sends to `POST /v1/authorize`, or undefined when it cannot name one. */
export type DecisionSubject = { ok: true; sub: string } | { ok: false };

/**
 * Names the subject as the Go lib-auth v2 does (COMPAT.md): `"<owner>/<sub>"` for a person,
 * the legacy `"admin/<product>-editor-role"` for an application (or a token without `type`).
 * A person's token without `sub` or `owner` names nobody and is refused locally.
 */
export function decisionSubject(claims: UnverifiedClaims, product: string): DecisionSubject {
  if (claims.type !== PERSON_TYPE) {
    return { ok: true, sub: `admin/${product}-editor-role` };
  }

  if (!claims.sub || !claims.owner) {
    return { ok: false };
  }
  return { ok: true, sub: `${claims.owner}/${claims.sub}` };
}
