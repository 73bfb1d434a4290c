import { SignJWT } from 'jose';
import type { JWTPayload } from 'jose';
import { ACCESS_TOKEN_TYP, ID_TOKEN_TYP } from './jwt-claims';
import type { AccessTokenClaims, IdTokenClaims, PrincipalType } from './jwt-claims';
import type { SigningKey } from './signing-keys';

/** What an access token says, in the code's own words; `signAccessToken` maps it to claims. */
export interface AccessTokenInput {
  issuer: string;
  subject: string;
  audience: string | string[];
  clientId: string;
  /** Space-delimited scopes (RFC 6749 §3.3). */
  scope: string;
  /** Session id; absent for client credentials, which open no session. */
  sessionId?: string;
  type: PrincipalType;
  /** Organization name (compat). */
  owner: string;
  /** Username, or the application's name (compat). */
  name: string;
  displayName?: string;
}

/** What an ID token says (OpenID Connect Core §2). */
export interface IdTokenInput {
  issuer: string;
  subject: string;
  clientId: string;
  sessionId?: string;
  authTime?: Date;
  nonce?: string;
  name?: string;
  preferredUsername?: string;
  email?: string;
  emailVerified?: boolean;
}

/** Arguments shared by both minting functions. */
export interface SignParams<Input> {
  claims: Input;
  key: SigningKey;
  now: Date;
  ttlSeconds: number;
}

/** A compact JWS and the claims it carries. */
export interface SignedToken<Claims> {
  token: string;
  claims: Claims;
}

/** Mints an access token: JWS with header `{alg, kid, typ: 'at+jwt'}` (RFC 9068 §2.1). */
export async function signAccessToken(
  params: SignParams<AccessTokenInput>,
): Promise<SignedToken<AccessTokenClaims>> {
  const { claims: input, now, ttlSeconds } = params;
  const iat = epochSeconds(now);

  // RFC 9068 §2.2: iss, exp, aud, sub, client_id, iat, jti; azp and the rest are compat.
  const claims: AccessTokenClaims = {
    iss: input.issuer,
    sub: input.subject,
    aud: input.audience,
    exp: expiry(iat, ttlSeconds),
    iat,
    nbf: iat,
    jti: crypto.randomUUID(),
    client_id: input.clientId,
    azp: input.clientId,
    scope: input.scope,
    type: input.type,
    owner: input.owner,
    name: input.name,
  };
  if (input.sessionId !== undefined) {
    claims.sid = input.sessionId;
  }
  if (input.displayName !== undefined) {
    claims.displayName = input.displayName;
  }

  const token = await sign(claims, params.key, ACCESS_TOKEN_TYP);
  return { token, claims };
}

/** Mints an ID token for `clientId`: JWS with header `{alg, kid, typ: 'JWT'}`. */
export async function signIdToken(
  params: SignParams<IdTokenInput>,
): Promise<SignedToken<IdTokenClaims>> {
  const { claims: input, now, ttlSeconds } = params;
  const iat = epochSeconds(now);

  // OpenID Connect Core §2: the audience of an ID token is the client it was issued to.
  const claims: IdTokenClaims = {
    iss: input.issuer,
    sub: input.subject,
    aud: input.clientId,
    exp: expiry(iat, ttlSeconds),
    iat,
  };
  if (input.authTime !== undefined) {
    claims.auth_time = epochSeconds(input.authTime);
  }
  if (input.sessionId !== undefined) {
    claims.sid = input.sessionId;
  }
  if (input.nonce !== undefined) {
    claims.nonce = input.nonce;
  }
  if (input.name !== undefined) {
    claims.name = input.name;
  }
  if (input.preferredUsername !== undefined) {
    claims.preferred_username = input.preferredUsername;
  }
  if (input.email !== undefined) {
    claims.email = input.email;
  }
  if (input.emailVerified !== undefined) {
    claims.email_verified = input.emailVerified;
  }

  const token = await sign(claims, params.key, ID_TOKEN_TYP);
  return { token, claims };
}

async function sign(claims: JWTPayload, key: SigningKey, typ: string): Promise<string> {
  const header = { alg: key.alg, kid: key.kid, typ };
  return new SignJWT(claims).setProtectedHeader(header).sign(key.privateKey);
}

function epochSeconds(date: Date): number {
  const ms = date.getTime();
  if (!Number.isFinite(ms)) {
    throw new RangeError('invalid date');
  }
  return Math.floor(ms / 1000);
}

function expiry(iat: number, ttlSeconds: number): number {
  if (!Number.isSafeInteger(ttlSeconds) || ttlSeconds <= 0) {
    throw new RangeError('ttlSeconds must be a positive integer');
  }
  return iat + ttlSeconds;
}
