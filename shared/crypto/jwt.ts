// The token surface in one import: claim types, minting and verification.
export { ACCESS_TOKEN_TYP, isPrincipalType, PRINCIPAL_TYPES } from './jwt-claims';
export type { AccessTokenClaims, IdTokenClaims, PrincipalType } from './jwt-claims';
export { signAccessToken, signIdToken } from './jwt-sign';
export type { AccessTokenInput, IdTokenInput, SignedToken, SignParams } from './jwt-sign';
export { verifyAccessToken, MAX_TOKEN_LENGTH, DEFAULT_CLOCK_TOLERANCE_SECONDS } from './jwt-verify';
export type {
  AccessTokenHeader,
  AccessTokenRejection,
  AccessTokenVerification,
  VerifyAccessTokenOptions,
} from './jwt-verify';
