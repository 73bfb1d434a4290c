import { base64url, SignJWT } from 'jose';
import type { JWTPayload } from 'jose';
import {
  generateSigningKey,
  importPrivateKey,
  importPublicKey,
} from '../../../shared/crypto/signing-keys';
import type {
  GeneratedSigningKey,
  SigningAlg,
  SigningKey,
  VerificationKey,
} from '../../../shared/crypto/signing-keys';
import type { AccessTokenInput } from '../../../shared/crypto/jwt';

/** A generated key in every shape the tests need. */
export interface TestKey {
  generated: GeneratedSigningKey;
  signing: SigningKey;
  verification: VerificationKey;
}

export const ISSUER = 'https://auth.example.test';
export const NOW = new Date('2026-05-01T12:00:00Z');
export const NOW_SECONDS = Math.floor(NOW.getTime() / 1000);

/** Generates a key for `alg` and imports both halves. */
export async function makeKey(alg: SigningAlg): Promise<TestKey> {
  const generated = await generateSigningKey(alg, NOW);
  const privateKey = await importPrivateKey(generated.privateJwk, alg);
  const publicKey = await importPublicKey(generated.publicJwk, alg);
  return {
    generated,
    signing: { kid: generated.kid, alg, privateKey },
    verification: { alg, publicKey },
  };
}

/** Access token input for a person. */
export function personClaims(overrides: Partial<AccessTokenInput> = {}): AccessTokenInput {
  return {
    issuer: ISSUER,
    subject: '0b9c7c52-3a0e-4f43-9f4e-1f7c7f6a2d11',
    audience: 'ledger',
    clientId: 'console',
    scope: 'openid profile',
    sessionId: 'sess-1',
    type: 'normal-user',
    owner: 'lerian',
    name: 'alice',
    displayName: 'Alice Example',
    ...overrides,
  };
}

/** Wire claims a well-formed access token issued at NOW would carry. */
export function wireClaims(overrides: JWTPayload = {}): JWTPayload {
  return {
    iss: ISSUER,
    sub: 'user-1',
    aud: 'ledger',
    exp: NOW_SECONDS + 3600,
    iat: NOW_SECONDS,
    nbf: NOW_SECONDS,
    jti: 'jti-1',
    client_id: 'console',
    azp: 'console',
    scope: 'openid',
    type: 'normal-user',
    owner: 'lerian',
    name: 'alice',
    ...overrides,
  };
}

/** Signs arbitrary claims under an arbitrary protected header with jose, bypassing our minting. */
export async function signRaw(
  payload: JWTPayload,
  header: Record<string, unknown>,
  privateKey: CryptoKey,
): Promise<string> {
  const alg = typeof header.alg === 'string' ? header.alg : 'ES256';
  return new SignJWT(payload).setProtectedHeader({ ...header, alg }).sign(privateKey);
}

/** Encodes a JSON value as one base64url JWS segment. */
export function segment(value: unknown): string {
  return base64url.encode(JSON.stringify(value));
}

/** Signs any header and payload with an ES256 key directly, bypassing jose's own checks. */
export async function signEs256Manually(
  header: Record<string, unknown>,
  payload: unknown,
  privateKey: CryptoKey,
): Promise<string> {
  const input = `${segment(header)}.${segment(payload)}`;
  const algorithm = { name: 'ECDSA', hash: 'SHA-256' };
  const signature = await crypto.subtle.sign(
    algorithm,
    privateKey,
    new TextEncoder().encode(input),
  );
  return `${input}.${base64url.encode(new Uint8Array(signature))}`;
}

/** Signs a token with HMAC-SHA256 under the given secret bytes (an HS256 JWS). */
export async function signHs256(
  header: Record<string, unknown>,
  payload: JWTPayload,
  secret: Uint8Array,
): Promise<string> {
  const input = `${segment(header)}.${segment(payload)}`;
  const hmac = { name: 'HMAC', hash: 'SHA-256' };
  const key = await crypto.subtle.importKey('raw', new Uint8Array(secret), hmac, false, ['sign']);
  const signature = await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(input));
  return `${input}.${base64url.encode(new Uint8Array(signature))}`;
}

/** Wire claims a well-formed ID token for client `console`, issued at NOW, would carry. */
export function idWireClaims(overrides: JWTPayload = {}): JWTPayload {
  return {
    iss: ISSUER,
    sub: 'user-1',
    aud: 'console',
    exp: NOW_SECONDS + 3600,
    iat: NOW_SECONDS,
    auth_time: NOW_SECONDS - 30,
    sid: 'sess-1',
    nonce: 'n-0S6_WzA2Mj',
    ...overrides,
  };
}
