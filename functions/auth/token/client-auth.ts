import { AppError } from '../../../shared/errors.js';

/** Client credentials as presented (RFC 6749 §2.3.1), before they are checked. */
export interface PresentedClient {
  clientId: string;
  clientSecret: string | undefined;
  method: 'client_secret_basic' | 'client_secret_post' | 'none';
}

/** Longest client id or secret we read; ours are 43 characters. */
const MAX_CREDENTIAL_LENGTH = 512;

/**
 * Reads the client's credentials from HTTP Basic or the body, never both (RFC 6749 §2.3):
 * a Basic header plus a body secret is `invalid_request`. In Basic, id and secret are
 * form-urlencoded before base64 (§2.3.1), so a secret may contain `:`.
 */
export function presentedClient(
  authorization: string | undefined,
  body: { clientId?: string | undefined; clientSecret?: string | undefined },
): PresentedClient | undefined {
  const basic = authorization ? parseBasic(authorization) : undefined;

  if (basic) {
    if (body.clientSecret !== undefined) {
      throw new AppError('invalid_request', {
        reason: 'two_client_auth_methods',
        message: 'Use HTTP Basic or body credentials, not both.',
      });
    }
    if (body.clientId !== undefined && body.clientId !== basic.clientId) {
      throw new AppError('invalid_request', { reason: 'client_id_mismatch' });
    }
    return { ...basic, method: 'client_secret_basic' };
  }

  if (body.clientId === undefined) {
    return undefined;
  }
  checkLength(body.clientId);
  if (body.clientSecret !== undefined) {
    checkLength(body.clientSecret);
  }
  return {
    clientId: body.clientId,
    clientSecret: body.clientSecret,
    method: body.clientSecret === undefined ? 'none' : 'client_secret_post',
  };
}

function parseBasic(header: string): { clientId: string; clientSecret: string } | undefined {
  const match = /^basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header.trim());
  if (!match?.[1]) {
    // Some other scheme (e.g. Bearer) is not client authentication at all.
    if (/^basic\b/i.test(header.trim())) {
      throw new AppError('invalid_client', { reason: 'malformed_basic', headers: CHALLENGE });
    }
    return undefined;
  }

  let decoded: string;
  try {
    decoded = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(
      Uint8Array.from(atob(match[1]), (char) => char.charCodeAt(0)),
    );
  } catch {
    throw new AppError('invalid_client', { reason: 'basic_not_base64', headers: CHALLENGE });
  }

  const colon = decoded.indexOf(':');
  if (colon < 0) {
    throw new AppError('invalid_client', { reason: 'basic_without_colon', headers: CHALLENGE });
  }
  const clientId = formDecode(decoded.slice(0, colon));
  const clientSecret = formDecode(decoded.slice(colon + 1));
  checkLength(clientId);
  checkLength(clientSecret);
  return { clientId, clientSecret };
}

/** `application/x-www-form-urlencoded` decoding of one value (RFC 6749 Appendix B). */
function formDecode(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    throw new AppError('invalid_client', { reason: 'basic_bad_encoding', headers: CHALLENGE });
  }
}

function checkLength(value: string): void {
  if (value.length === 0 || value.length > MAX_CREDENTIAL_LENGTH || value.includes('\u0000')) {
    throw new AppError('invalid_client', { reason: 'credential_length', headers: CHALLENGE });
  }
}

/** RFC 6749 §5.2: a 401 for invalid_client carries the scheme the client may use. */
export const CHALLENGE = { 'WWW-Authenticate': 'Basic realm="access-manager", charset="UTF-8"' };
