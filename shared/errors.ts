import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** Which function renders the error: each has its own code prefix (SPEC §5). */
export type Service = 'auth' | 'identity';

interface ErrorSpec {
  status: ContentfulStatusCode;
  title: string;
  message: string;
  auth: string;
  identity: string;
  /** RFC 6749 §5.2 error code for the `/oauth/*` routes. */
  oauth: string;
}

/**
 * Every error the services can answer, by internal kind. The precise reason travels in
 * `AppError.reason` to the log; clients only ever see these stable codes (SPEC §5).
 */
const SPECS = {
  missing_fields: spec(
    400,
    'Missing Fields',
    'Required fields are missing.',
    'AUT-0001',
    'IDE-0001',
    'invalid_request',
  ),
  invalid_field: spec(
    400,
    'Invalid Field',
    'A field has an invalid type or value.',
    'AUT-0001',
    'IDE-0002',
    'invalid_request',
  ),
  invalid_path: spec(
    400,
    'Invalid Path Parameter',
    'A path parameter is invalid.',
    'AUT-0004',
    'IDE-0003',
    'invalid_request',
  ),
  unexpected_fields: spec(
    400,
    'Unexpected Fields',
    'The request has unexpected fields.',
    'AUT-0003',
    'IDE-0004',
    'invalid_request',
  ),
  invalid_query: spec(
    400,
    'Invalid Query Parameter',
    'A query parameter is invalid.',
    'AUT-0004',
    'IDE-0005',
    'invalid_request',
  ),
  invalid_request: spec(
    400,
    'Invalid Request',
    'The request is malformed.',
    'AUT-0001',
    'IDE-0002',
    'invalid_request',
  ),
  token_missing: spec(
    401,
    'Token Missing',
    'An access token is required.',
    'AUT-0006',
    'IDE-0008',
    'invalid_token',
  ),
  invalid_token: spec(
    401,
    'Invalid Token',
    'The access token is invalid or expired.',
    'AUT-0007',
    'IDE-0009',
    'invalid_token',
  ),
  forbidden: spec(
    403,
    'Forbidden',
    'You do not have permission for this action.',
    'AUT-0403',
    'IDE-0403',
    'access_denied',
  ),
  not_found: spec(
    404,
    'Not Found',
    'The requested route does not exist.',
    'AUT-0404',
    'IDE-0404',
    'invalid_request',
  ),
  payload_too_large: spec(
    413,
    'Payload Too Large',
    'The request body is too large.',
    'AUT-0413',
    'IDE-0413',
    'invalid_request',
  ),
  unsupported_media_type: spec(
    415,
    'Unsupported Media Type',
    'The content type is not accepted here.',
    'AUT-0001',
    'IDE-0002',
    'invalid_request',
  ),
  rate_limited: spec(
    429,
    'Too Many Requests',
    'Too many requests; retry later.',
    'AUT-0429',
    'IDE-0429',
    'temporarily_unavailable',
  ),
  internal: spec(
    500,
    'Internal Server Error',
    'The server could not complete the request.',
    'AUT-0005',
    'IDE-0006',
    'server_error',
  ),
  unavailable: spec(
    503,
    'Service Unavailable',
    'A dependency is unavailable; retry later.',
    'AUT-0503',
    'IDE-0503',
    'temporarily_unavailable',
  ),
} satisfies Record<string, ErrorSpec>;

export type ErrorKind = keyof typeof SPECS;

export interface AppErrorOptions {
  /** Why, precisely; logged, never sent. */
  reason?: string;
  /** Replaces the kind's default public message. */
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
    super(options.message ?? SPECS[kind].message, { cause: options.cause });
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
  const errorSpec = SPECS[error.kind];

  if (oauth) {
    return {
      status: errorSpec.status,
      headers: error.headers,
      body: { error: errorSpec.oauth, error_description: error.message },
    };
  }

  return {
    status: errorSpec.status,
    headers: error.headers,
    body: { code: errorSpec[service], title: errorSpec.title, message: error.message },
  };
}

function spec(
  status: ContentfulStatusCode,
  title: string,
  message: string,
  auth: string,
  identity: string,
  oauth: string,
): ErrorSpec {
  return { status, title, message, auth, identity, oauth };
}
