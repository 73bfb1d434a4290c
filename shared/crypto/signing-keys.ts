import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK } from 'jose';
import type { JWK } from 'jose';

/** Signature algorithms this server signs and verifies with (RFC 7518 §3, RFC 8037 §3.1). */
export const SIGNING_ALGS = ['ES256', 'RS256', 'EdDSA'] as const;

/** One of `SIGNING_ALGS`. */
export type SigningAlg = (typeof SIGNING_ALGS)[number];

/** A freshly generated signing key pair, both halves as JWKs. */
export interface GeneratedSigningKey {
  kid: string;
  alg: SigningAlg;
  publicJwk: JWK;
  privateJwk: JWK;
  createdAt: Date;
}

/** A private key ready to sign with. */
export interface SigningKey {
  kid: string;
  alg: SigningAlg;
  privateKey: CryptoKey;
}

/** A public key ready to verify with. */
export interface VerificationKey {
  alg: SigningAlg;
  publicKey: CryptoKey;
}

/** Whether a string names one of `SIGNING_ALGS`. */
export function isSigningAlg(value: unknown): value is SigningAlg {
  return SIGNING_ALGS.some((alg) => alg === value);
}

/** Generates a key pair for `alg`; its kid is the public key's RFC 7638 thumbprint. */
export async function generateSigningKey(alg: SigningAlg, now: Date): Promise<GeneratedSigningKey> {
  const pair = await generateKeyPair(alg, { extractable: true });
  const publicParts = await exportJWK(pair.publicKey);
  const privateParts = await exportJWK(pair.privateKey);

  const kid = await calculateJwkThumbprint(publicParts);
  const publicJwk: JWK = { ...publicParts, kid, alg, use: 'sig' };
  const privateJwk: JWK = { ...privateParts, kid, alg, use: 'sig' };
  return { kid, alg, publicJwk, privateJwk, createdAt: new Date(now.getTime()) };
}

/** Imports a private JWK for signing with `alg`; refuses public, symmetric or mismatched keys. */
export async function importPrivateKey(jwk: JWK, alg: SigningAlg): Promise<CryptoKey> {
  if (typeof jwk.d !== 'string') {
    throw new TypeError('not a private JWK');
  }
  return importAsymmetric(jwk, alg);
}

/** Imports a public JWK for verifying `alg`; refuses private, symmetric or mismatched keys. */
export async function importPublicKey(jwk: JWK, alg: SigningAlg): Promise<CryptoKey> {
  // Importing only the public members keeps a private key from ever sitting in a verifier.
  if (jwk.d !== undefined) {
    throw new TypeError('a public JWK must not carry private members');
  }
  return importAsymmetric(jwk, alg);
}

async function importAsymmetric(jwk: JWK, alg: SigningAlg): Promise<CryptoKey> {
  // RFC 7517 §4.4: a JWK's own alg, when present, must be the one it is used with.
  if (jwk.alg !== undefined && jwk.alg !== alg) {
    throw new TypeError(`JWK is for ${jwk.alg}, not ${alg}`);
  }

  // An "oct" key would turn into an HMAC secret: the classic RS256-to-HS256 confusion.
  if (jwk.kty === 'oct') {
    throw new TypeError('symmetric keys are not signing keys');
  }

  const key = await importJWK(jwk, alg, { extractable: false });
  if (key instanceof Uint8Array) {
    throw new TypeError('symmetric keys are not signing keys');
  }
  return key;
}
