import { buildDocument } from '../../../shared/openapi/document.js';
import type { OpenApiDocument } from '../../../shared/openapi/types.js';
import { formSchemas } from './forms.js';
import { paths } from './paths.js';
import { responseSchemas } from './responses.js';

let built: OpenApiDocument | undefined;

/** The auth function's OpenAPI 3.1 document, built once per isolate. */
export function openApiDocument(): OpenApiDocument {
  built ??= buildDocument({
    title: 'Access Manager — auth',
    description:
      'Token issuance, introspection, revocation, keys and discovery. The RFC routes ' +
      '(`/oauth/*`) take `application/x-www-form-urlencoded` and answer errors as RFC 6749 ' +
      '§5.2 `{error, error_description}`; every other route is compat (camelCase JSON, errors ' +
      '`{code, title, message}` with `AUT-` codes). The password grant is kept for first-party ' +
      'clients only, a documented deviation from RFC 9700 §2.4.',
    server: 'http://127.0.0.1:4000',
    paths,
    schemas: { ...responseSchemas, ...formSchemas },
    securitySchemes: {
      basic: {
        type: 'http',
        scheme: 'basic',
        description:
          'Client authentication (`client_secret_basic`, RFC 6749 §2.3.1): id and secret are ' +
          'form-urlencoded before base64, so a secret may contain `:`.',
      },
      bearer: {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
        description: 'An access token (JWS, `typ: at+jwt`, RFC 9068)',
      },
    },
  });
  return built;
}
