import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** Which function renders the error: each has its own code prefix (SPEC §5). */
export type Service = 'auth' | 'identity';

type Row = readonly [
  status: ContentfulStatusCode,
  auth: string,
  identity: string,
  oauth: string,
  title: string,
  /** Status on the RFC routes when it differs (RFC 6749 §5.2: invalid_grant is a 400). */
  oauthStatus?: ContentfulStatusCode,
];

/**
 * Every error the services answer, by internal kind: status, the compat codes of each function,
 * the RFC 6749 §5.2 code for `/oauth/*`, and the title. The precise reason travels in
 * `AppError.reason` to the log; clients only ever see these stable codes (SPEC §5).
 */
const TABLE = {
  missing_fields: [400, 'AUT-0001', 'IDE-0001', 'invalid_request', 'Missing Fields'],
  invalid_field: [400, 'AUT-0001', 'IDE-0002', 'invalid_request', 'Invalid Field'],
  invalid_path: [400, 'AUT-0004', 'IDE-0003', 'invalid_request', 'Invalid Path Parameter'],
  unexpected_fields: [400, 'AUT-0003', 'IDE-0004', 'invalid_request', 'Unexpected Fields'],
  invalid_query: [400, 'AUT-0004', 'IDE-0005', 'invalid_request', 'Invalid Query Parameter'],
  invalid_request: [400, 'AUT-0001', 'IDE-0002', 'invalid_request', 'Invalid Request'],
  unmodifiable_field: [400, 'AUT-0003', 'IDE-0010', 'invalid_request', 'Unmodifiable Field'],
  password_too_short: [400, 'AUT-0001', 'IDE-0020', 'invalid_request', 'Password Too Short'],
  invalid_scope: [400, 'AUT-0001', 'IDE-0002', 'invalid_scope', 'Invalid Scope'],
  invalid_grant_type: [400, 'AUT-0013', 'IDE-0002', 'unsupported_grant_type', 'Invalid Grant Type'],
  grant_missing_fields: [400, 'AUT-0014', 'IDE-0001', 'invalid_request', 'Missing Grant Fields'],
  unauthorized_client: [
    403,
    'AUT-1001',
    'IDE-0403',
    'unauthorized_client',
    'Grant Not Allowed For This Application',
    400,
  ],
  token_missing: [401, 'AUT-0006', 'IDE-0008', 'invalid_token', 'Token Missing'],
  invalid_token: [401, 'AUT-0007', 'IDE-0009', 'invalid_token', 'Invalid Token'],
  invalid_credentials: [
    401,
    'AUT-1002',
    'IDE-0009',
    'invalid_grant',
    'Invalid Username Or Password',
    400,
  ],
  invalid_client: [401, 'AUT-1004', 'IDE-0009', 'invalid_client', 'Invalid Client'],
  invalid_refresh_token: [
    401,
    'AUT-1005',
    'IDE-0009',
    'invalid_grant',
    'Invalid Refresh Token',
    400,
  ],
  forbidden: [403, 'AUT-0403', 'IDE-0403', 'access_denied', 'Forbidden'],
  not_owner: [403, 'AUT-0403', 'IDE-0013', 'access_denied', 'Id Does Not Match Token Owner'],
  not_found: [404, 'AUT-0404', 'IDE-0404', 'invalid_request', 'Not Found'],
  subject_not_found: [404, 'AUT-1015', 'IDE-1003', 'invalid_request', 'Subject Not Found'],
  application_not_found: [404, 'AUT-1015', 'IDE-1001', 'invalid_request', 'Application Not Found'],
  user_not_found: [404, 'AUT-1015', 'IDE-1003', 'invalid_request', 'User Not Found'],
  group_not_found: [404, 'AUT-0404', 'IDE-1006', 'invalid_request', 'Group Not Found'],
  role_not_found: [404, 'AUT-0404', 'IDE-1007', 'invalid_request', 'Role Not Found'],
  conflict: [409, 'AUT-0409', 'IDE-1008', 'invalid_request', 'Conflict'],
  payload_too_large: [413, 'AUT-0413', 'IDE-0413', 'invalid_request', 'Payload Too Large'],
  unsupported_media_type: [
    415,
    'AUT-0001',
    'IDE-0002',
    'invalid_request',
    'Unsupported Media Type',
  ],
  account_locked: [429, 'AUT-1006', 'IDE-0429', 'invalid_grant', 'Account Locked'],
  rate_limited: [429, 'AUT-0429', 'IDE-0429', 'temporarily_unavailable', 'Too Many Requests'],
  internal: [500, 'AUT-0005', 'IDE-0006', 'server_error', 'Internal Server Error'],
  unavailable: [503, 'AUT-0503', 'IDE-0503', 'temporarily_unavailable', 'Service Unavailable'],
} as const satisfies Record<string, Row>;

export type ErrorKind = keyof typeof TABLE;

export interface AppErrorOptions {
  /** Why, precisely; logged, never sent. */
  reason?: string;
  /** Replaces the kind's title as the public message. */
  message?: string;
  cause?: unknown;
  /** Extra response headers, e.g. `Retry-After`. */
  headers?: Record<string, string>;
}

/** The one error type the services throw; `renderError` turns it into a response. */
export class AppError extends Error {
  readonly kind: ErrorKind;
  readonly reason: string;
  readonly headers: Record<string, string>;

  constructor(kind: ErrorKind, options: AppErrorOptions = {}) {
    super(options.message ?? `${TABLE[kind][4]}.`, { cause: options.cause });
    this.name = 'AppError';
    this.kind = kind;
    this.reason = options.reason ?? kind;
    this.headers = options.headers ?? {};
  }
}

/** The wire shape of an error: compat `{code, title, message}` or RFC 6749 §5.2. */
export interface RenderedError {
  status: ContentfulStatusCode;
  headers: Record<string, string>;
  body: Record<string, string>;
}

/** Renders an `AppError` for `service`, in the RFC shape when `oauth` is set. */
export function renderError(error: AppError, service: Service, oauth: boolean): RenderedError {
  const row: Row = TABLE[error.kind];
  const [status, auth, identity, oauthCode, title, oauthStatus] = row;

  if (oauth) {
    return {
      status: oauthStatus ?? status,
      headers: error.headers,
      body: { error: oauthCode, error_description: error.message },
    };
  }

  const code = service === 'auth' ? auth : identity;
  return { status, headers: error.headers, body: { code, title, message: error.message } };
}
