/**
 * lib-auth: authorization for services of the ledger platform (SPEC §7, docs/lib-auth.md).
 * The core (`check`) is framework-free; `authorize` wraps it as Hono middleware.
 */
export { createLibAuth, type LibAuth, type LibAuthOptions } from './lib.js';
export {
  parseLibAuthConfig,
  type LibAuthConfig,
  type LibAuthEnv,
  type LibAuthMode,
} from './config.js';
export type {
  CheckOutcome,
  CheckRequest,
  DenyReason,
  UnauthenticatedReason,
  UnavailableReason,
} from './outcome.js';
export type { AuthorizeOptions } from './middleware.js';
export { refusalResponse, LIB_AUTH_CODES, type RefusalResponse } from './responses.js';
export { requestDecision, type DecisionBody } from './decision-request.js';
export { LibAuthConfigError, LibAuthError, type LibAuthErrorKind } from './errors.js';
export type { FetchFunction, Transport } from './transport.js';
