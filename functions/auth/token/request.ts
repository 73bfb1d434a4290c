import { z } from 'zod';
import { AppError } from '../../../shared/errors.js';
import { presentedClient, type PresentedClient } from './client-auth.js';
import { MAX_PARAMETER, parseForm } from './form.js';

export const GRANT_TYPES = ['password', 'client_credentials', 'refresh_token'] as const;
export type GrantType = (typeof GRANT_TYPES)[number];

/** A token request in the code's own words, whichever wire shape it came in. */
export interface TokenRequest {
  grantType: GrantType;
  client: PresentedClient | undefined;
  username?: string;
  password?: string;
  refreshToken?: string;
  scope?: string;
}

const RFC_PARAMETERS = [
  'grant_type',
  'client_id',
  'client_secret',
  'username',
  'password',
  'refresh_token',
  'scope',
] as const;

/** Parses an RFC 6749 token request (`application/x-www-form-urlencoded`, §3.2). */
export function parseFormTokenRequest(
  contentType: string | undefined,
  body: string,
  authorization: string | undefined,
): TokenRequest {
  const values = parseForm(contentType, body, RFC_PARAMETERS);
  return build(values.grant_type, authorization, {
    clientId: values.client_id,
    clientSecret: values.client_secret,
    username: values.username,
    password: values.password,
    refreshToken: values.refresh_token,
    scope: values.scope,
  });
}

/** No NUL: no identifier or secret contains one, and Postgres cannot store it. */
const text = z
  .string()
  .max(MAX_PARAMETER)
  .refine((value) => !value.includes('\u0000'));

/** The compat JSON body (SPEC §3.1): camelCase, unknown fields refused (AUT-0003). */
export const compatSchema = z.strictObject({
  grantType: text.optional(),
  clientId: text.optional(),
  clientSecret: text.optional(),
  username: text.optional(),
  password: text.optional(),
  refreshToken: text.optional(),
  scope: text.optional(),
});

/** Parses the compat JSON token request, `defaults` filling what the route implies. */
export function parseJsonTokenRequest(
  body: unknown,
  authorization: string | undefined,
  defaults: { grantType?: GrantType } = {},
): TokenRequest {
  const parsed = compatSchema.safeParse(body);
  if (!parsed.success) {
    const unexpected = parsed.error.issues.some((issue) => issue.code === 'unrecognized_keys');
    throw new AppError(unexpected ? 'unexpected_fields' : 'invalid_field', {
      reason: 'compat_body_invalid',
    });
  }
  const { grantType, ...fields } = parsed.data;
  const blankToUndefined = (value: string | undefined) => (value === '' ? undefined : value);
  return build(blankToUndefined(grantType) ?? defaults.grantType, authorization, {
    clientId: blankToUndefined(fields.clientId),
    clientSecret: blankToUndefined(fields.clientSecret),
    username: blankToUndefined(fields.username),
    password: fields.password,
    refreshToken: blankToUndefined(fields.refreshToken),
    scope: blankToUndefined(fields.scope),
  });
}

function build(
  grantType: string | undefined,
  authorization: string | undefined,
  fields: {
    clientId: string | undefined;
    clientSecret: string | undefined;
    username: string | undefined;
    password: string | undefined;
    refreshToken: string | undefined;
    scope: string | undefined;
  },
): TokenRequest {
  if (grantType === undefined) {
    throw new AppError('missing_fields', {
      reason: 'grant_type_missing',
      message: 'grant_type is required.',
    });
  }
  if (!isGrantType(grantType)) {
    throw new AppError('invalid_grant_type', { reason: 'grant_type_unknown' });
  }

  const client = presentedClient(authorization, fields);
  const request: TokenRequest = { grantType, client };
  if (fields.username !== undefined) request.username = fields.username;
  if (fields.password !== undefined) request.password = fields.password;
  if (fields.refreshToken !== undefined) request.refreshToken = fields.refreshToken;
  if (fields.scope !== undefined) request.scope = fields.scope;
  return request;
}

function isGrantType(value: string): value is GrantType {
  return GRANT_TYPES.some((grant) => grant === value);
}
