import { expander, type RouteDoc } from '../../../shared/openapi/operation.js';
import type { Operation } from '../../../shared/openapi/types.js';

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400:
    'Invalid input (IDE-0001 missing, IDE-0002 type, IDE-0003 path, IDE-0004 unknown field, ' +
    'IDE-0005 query, IDE-0010 unmodifiable, IDE-0020 password too short)',
  401: 'No token (IDE-0008) or an invalid one (IDE-0009)',
  403: 'Missing permission or privilege escalation (IDE-0403); not the token owner (IDE-0013)',
  404: 'Not found (IDE-1001 application, IDE-1003 user, IDE-1006 group, IDE-1007 role)',
  409: 'Conflict: name, username or email taken (IDE-1008)',
  413: 'Body too large (IDE-0413)',
  415: 'Body is not JSON',
};

/** Statuses every identity route with a permission, an `{id}`, a query or a body can answer. */
function implied(doc: RouteDoc): number[] {
  const statuses = doc.permission ? [401, 403] : [];
  if (doc.pathId || doc.query || doc.body) {
    statuses.push(400);
  }
  if (doc.pathId) {
    statuses.push(404);
  }
  if (doc.body) {
    statuses.push(413, 415);
  }
  return statuses;
}

const expand = expander({ schema: 'Error', descriptions: ERROR_DESCRIPTIONS, implied });

/**
 * Expands an identity route's declaration; `permission` is `<resource>:<action>` of
 * `plugin-identity` or `self`, and always means a Bearer access token.
 */
export function operation(doc: RouteDoc): Operation {
  return expand(doc.permission ? { ...doc, security: [{ bearer: [] }] } : doc);
}
