import { buildDocument } from '../../../shared/openapi/document.js';
import type { OpenApiDocument } from '../../../shared/openapi/types.js';
import { paths } from './paths.js';
import { componentSchemas } from './schemas.js';

let built: OpenApiDocument | undefined;

/** The identity function's OpenAPI 3.1 document, built once per isolate. */
export function openApiDocument(): OpenApiDocument {
  built ??= buildDocument({
    title: 'Access Manager — identity',
    description:
      'Users, groups, roles, M2M applications and audit events. Every /v1 route needs a ' +
      'Bearer access token whose principal holds `plugin-identity:<resource>:<action>` ' +
      '(x-permission); errors are `{code, title, message}`.',
    server: 'http://127.0.0.1:4001',
    paths,
    schemas: componentSchemas,
    securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
  });
  return built;
}
