import { errors, jwtVerify } from 'jose';
import { DEFAULT_CLOCK_TOLERANCE_SECONDS, reject } from './jwt-checks';
import type { CheckedHeader, Rejected, TokenRejection, VerifyTokenOptions } from './jwt-checks';

/** What one kind of token demands of its claims set. */
export interface ClaimsPolicy {
  /** When given, `aud` must name it (or one of them). */
  audience?: string | string[] | undefined;
  requiredClaims: readonly string[];
  /** Accepts a token past its exp; every other check still holds. */
  allowExpired: boolean;
}

/** Verifies the signature, then iss, aud, nbf, exp and iat; the payload when all of them hold. */
export async function verifySignedClaims(
  token: string,
  header: Pick<CheckedHeader<unknown>, 'alg' | 'key'>,
  options: VerifyTokenOptions,
  policy: ClaimsPolicy,
): Promise<{ ok: true; payload: Record<string, unknown> } | Rejected> {
  const tolerance = options.clockToleranceSeconds ?? DEFAULT_CLOCK_TOLERANCE_SECONDS;
  let payload: Record<string, unknown>;
  try {
    const verified = await jwtVerify(token, header.key.publicKey, {
      algorithms: [header.alg],
      issuer: options.issuer,
      ...(policy.audience === undefined ? {} : { audience: policy.audience }),
      currentDate: options.now,
      clockTolerance: tolerance,
      requiredClaims: [...policy.requiredClaims],
    });
    payload = verified.payload;
  } catch (error) {
    const expired = policy.allowExpired ? expiredPayload(error) : undefined;
    if (!expired) {
      return reject(rejectionOf(error));
    }
    payload = expired;
  }

  // jose checks iat only against a maximum age; a token from the future is not valid yet.
  const { iat } = payload;
  if (typeof iat === 'number' && iat > epochSeconds(options.now) + tolerance) {
    return reject('not_yet_valid');
  }

  return { ok: true, payload };
}

// jose checks exp after the signature and every other claim (with no maxTokenAge set), so an
// exp failure means all else held and its payload is the verified claims set. Pinned by tests.
function expiredPayload(error: unknown): Record<string, unknown> | undefined {
  if (error instanceof errors.JWTExpired && error.claim === 'exp') {
    return error.payload;
  }
  return undefined;
}

function rejectionOf(error: unknown): TokenRejection {
  if (error instanceof errors.JWSSignatureVerificationFailed) {
    return 'bad_signature';
  }
  if (error instanceof errors.JWTExpired) {
    return 'expired';
  }
  if (error instanceof errors.JWTClaimValidationFailed) {
    return claimRejection(error);
  }
  if (error instanceof errors.JOSEAlgNotAllowed) {
    return 'alg_not_allowed';
  }

  // JWSInvalid, JWTInvalid and anything unforeseen: fail closed.
  return 'malformed';
}

function claimRejection(error: errors.JWTClaimValidationFailed): TokenRejection {
  if (error.reason === 'missing') {
    return 'invalid_claims';
  }

  switch (error.claim) {
    case 'nbf':
      return 'not_yet_valid';
    case 'iss':
      return 'wrong_issuer';
    case 'aud':
      return 'wrong_audience';
    default:
      return 'invalid_claims';
  }
}

function epochSeconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}
