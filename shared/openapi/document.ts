import { errorSchema, readinessSchema } from './components.js';
import type { JsonSchema, OpenApiDocument, PathItem, SecurityScheme } from './types.js';

/** What sets one function's document apart. */
export interface DocumentParts {
  title: string;
  description: string;
  server: string;
  paths: Record<string, PathItem>;
  schemas: Record<string, JsonSchema>;
  securitySchemes: Record<string, SecurityScheme>;
}

/** An OpenAPI 3.1 document holding the component schemas both functions share. */
export function buildDocument(parts: DocumentParts): OpenApiDocument {
  return {
    openapi: '3.1.0',
    info: { title: parts.title, version: '1.0.0', description: parts.description },
    servers: [{ url: parts.server }],
    paths: parts.paths,
    components: {
      schemas: { Error: errorSchema, Readiness: readinessSchema, ...parts.schemas },
      securitySchemes: parts.securitySchemes,
    },
  };
}
