import { paths } from './paths.js';
import { componentSchemas } from './schemas.js';
import type { OpenApiDocument } from './types.js';

let built: OpenApiDocument | undefined;

/** The identity function's OpenAPI 3.1 document, built once per isolate. */
export function openApiDocument(): OpenApiDocument {
  built ??= {
    openapi: '3.1.0',
    info: {
      title: 'Access Manager — identity',
      version: '1.0.0',
      description:
        'Users, groups, roles, M2M applications and audit events. Every /v1 route needs a ' +
        'Bearer access token whose principal holds `plugin-identity:<resource>:<action>` ' +
        '(x-permission); errors are `{code, title, message}`.',
    },
    servers: [{ url: 'http://127.0.0.1:4001' }],
    paths,
    components: {
      schemas: componentSchemas,
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
    },
  };
  return built;
}
