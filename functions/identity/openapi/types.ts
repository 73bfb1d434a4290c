/** The OpenAPI types now live in `shared/openapi`; re-exported for the identity tests. */
export type * from '../../../shared/openapi/types.js';
