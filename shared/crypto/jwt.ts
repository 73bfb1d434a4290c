// The token surface in one import: claim types, minting and verification.
export { ACCESS_TOKEN_TYP, ID_TOKEN_TYP, isPrincipalType, PRINCIPAL_TYPES } from './jwt-claims';
export type { AccessTokenClaims, IdTokenClaims, PrincipalType } from './jwt-claims';
export { signAccessToken, signIdToken } from './jwt-sign';
export type { AccessTokenInput, IdTokenInput, SignedToken, SignParams } from './jwt-sign';
export { MAX_TOKEN_LENGTH, DEFAULT_CLOCK_TOLERANCE_SECONDS } from './jwt-checks';
export type { TokenRejection, VerifyTokenOptions } from './jwt-checks';
export { verifyAccessToken } from './jwt-verify';
export type {
  AccessTokenHeader,
  AccessTokenRejection,
  AccessTokenVerification,
  VerifyAccessTokenOptions,
} from './jwt-verify';
export { verifyIdToken } from './jwt-verify-id-token';
export type {
  IdTokenHeader,
  IdTokenRejection,
  IdTokenVerification,
  VerifyIdTokenOptions,
} from './jwt-verify-id-token';
