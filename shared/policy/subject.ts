import type { Principal } from '../auth/principal.js';

/** A `sub` as existing clients send it to `/v1/authorize` (COMPAT.md). */
export type SubjectForm =
  | { form: 'person'; owner: string; id: string }
  | { form: 'legacy-application'; product: string; role: string };

const LEGACY = /^admin\/([a-z0-9-]+)-editor-role$/;
const PERSON = /^([^/\s]{1,128})\/([0-9a-fA-F-]{36})$/;

/** Parses `<owner>/<userId>` or the legacy `admin/<product>-editor-role`; else undefined. */
export function parseSubject(sub: string): SubjectForm | undefined {
  const legacy = LEGACY.exec(sub);
  if (legacy?.[1]) {
    return { form: 'legacy-application', product: legacy[1], role: `${legacy[1]}-editor-role` };
  }
  const person = PERSON.exec(sub);
  if (person?.[1] && person[2]) {
    return { form: 'person', owner: person[1], id: person[2].toLowerCase() };
  }
  return undefined;
}

/** Why a subject cannot be decided for this caller; `undefined` means it names the caller. */
export type SubjectMismatch =
  'not_a_person' | 'not_an_application' | 'other_principal' | 'role_not_held' | 'other_owner';

/**
 * SPEC §3.4: a decision is for the token's own principal. The person form must name the caller
 * (a person) in the caller's organization; the legacy form is honoured only for an application
 * token that holds that editor role — never for a person, never as a blanket editor grant.
 */
export function matchSubject(
  subject: SubjectForm,
  caller: { principal: Principal; owner: string | undefined; roleNames: readonly string[] },
): SubjectMismatch | undefined {
  if (subject.form === 'legacy-application') {
    if (caller.principal.kind !== 'application') {
      return 'not_an_application';
    }
    return caller.roleNames.includes(subject.role) ? undefined : 'role_not_held';
  }

  if (caller.principal.kind !== 'user') {
    return 'not_a_person';
  }
  if (subject.id !== caller.principal.id.toLowerCase()) {
    return 'other_principal';
  }
  return caller.owner === undefined || caller.owner === subject.owner ? undefined : 'other_owner';
}
