import { object } from './schema.js';
import type { JsonSchema } from './types.js';

const text: JsonSchema = { type: 'string' };

/** The compat error body of both functions (SPEC §5): `AUT-` or `IDE-` codes. */
export const errorSchema: JsonSchema = object({ code: text, title: text, message: text });

/** The RFC 6749 §5.2 error body, which `/oauth/*` answers (`shared/errors.ts` maps the codes). */
export const oauthErrorSchema: JsonSchema = object({
  error: {
    type: 'string',
    enum: [
      'invalid_request',
      'invalid_client',
      'invalid_grant',
      'unauthorized_client',
      'unsupported_grant_type',
      'invalid_scope',
      'invalid_token',
      'access_denied',
      'temporarily_unavailable',
      'server_error',
    ],
  },
  error_description: text,
});

const check: JsonSchema = {
  type: 'object',
  properties: {
    ok: { type: 'boolean' },
    ms: { type: 'integer', minimum: 0 },
    error: { type: 'string', enum: ['timeout', 'unreachable'] },
  },
  required: ['ok', 'ms'],
  additionalProperties: false,
};

/** `GET /readyz`'s body, ready (200) or not (503), as `shared/http/health.ts` writes it. */
export const readinessSchema: JsonSchema = object(
  {
    status: { type: 'string', enum: ['ready', 'unavailable'] },
    failed: { type: 'array', items: { type: 'string', enum: ['database', 'cache'] } },
    checks: object({ database: check, cache: check }),
  },
  ['failed'],
);
