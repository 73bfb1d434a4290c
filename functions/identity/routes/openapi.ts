import { openApiRoute } from '../../../shared/openapi/route.js';
import { openApiDocument } from '../openapi/document.js';

/** `GET /openapi.json`: the identity API description; public, like the health routes. */
export const openapi = openApiRoute(openApiDocument);
