import type { z } from 'zod';
import { fromZod, ref } from './schemas.js';
import type { JsonSchema, Operation, Parameter, Response } from './types.js';

/** What one route declares; `operation` expands it into an OpenAPI operation. */
export interface RouteDoc {
  id: string;
  summary: string;
  tag: string;
  /** `<resource>:<action>` of `plugin-identity`, `self`, or undefined for public routes. */
  permission?: string;
  /** Whether the path has an `{id}`. */
  pathId?: boolean;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** Status and component schema of the success answer (none: 204). */
  ok: { status: 200 | 201 | 204; schema?: string; noStore?: boolean };
  /** Extra 4xx statuses this route can answer, besides the ones every route shares. */
  errors?: number[];
}

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input (IDE-0001 missing, IDE-0002 type, IDE-0003 path, IDE-0004 unknown field, IDE-0005 query, IDE-0010 unmodifiable, IDE-0020 password too short)',
  401: 'No token (IDE-0008) or an invalid one (IDE-0009)',
  403: 'Missing permission or privilege escalation (IDE-0403); not the token owner (IDE-0013)',
  404: 'Not found (IDE-1001 application, IDE-1003 user, IDE-1006 group, IDE-1007 role)',
  409: 'Conflict: name, username or email taken (IDE-1008)',
  413: 'Body too large (IDE-0413)',
  415: 'Body is not JSON',
};

/** Expands a route's declaration into an OpenAPI operation. */
export function operation(doc: RouteDoc): Operation {
  const parameters: Parameter[] = [];
  if (doc.pathId) {
    parameters.push({
      name: 'id',
      in: 'path',
      required: true,
      schema: { type: 'string', format: 'uuid' },
    });
  }
  if (doc.query) {
    parameters.push(...queryParameters(doc.query));
  }

  const statuses = new Set<number>(doc.permission ? [401, 403] : []);
  if (doc.pathId || doc.query || doc.body) {
    statuses.add(400);
  }
  if (doc.pathId) {
    statuses.add(404);
  }
  if (doc.body) {
    statuses.add(413);
    statuses.add(415);
  }
  for (const status of doc.errors ?? []) {
    statuses.add(status);
  }

  const responses: Record<string, Response> = { [doc.ok.status]: success(doc.ok) };
  for (const status of [...statuses].sort()) {
    responses[status] = {
      description: ERROR_DESCRIPTIONS[status] ?? 'Error',
      content: { 'application/json': { schema: ref('Error') } },
    };
  }

  return {
    operationId: doc.id,
    summary: doc.summary,
    tags: [doc.tag],
    ...(doc.permission ? { security: [{ bearer: [] }], 'x-permission': doc.permission } : {}),
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(doc.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: fromZod(doc.body) } },
          },
        }
      : {}),
    responses,
  };
}

function success(ok: RouteDoc['ok']): Response {
  if (ok.status === 204 || !ok.schema) {
    return { description: 'Done' };
  }
  const response: Response = {
    description: 'OK',
    content: { 'application/json': { schema: ref(ok.schema) } },
  };
  if (ok.noStore) {
    response.headers = {
      'Cache-Control': {
        description: 'Always `no-store`: the body holds a secret',
        schema: { type: 'string' },
      },
    };
  }
  return response;
}

function queryParameters(query: z.ZodObject): Parameter[] {
  const json = fromZod(query);
  const properties = (json.properties ?? {}) as Record<string, JsonSchema>;
  const required = (json.required ?? []) as string[];
  return Object.entries(properties).map(([name, schema]) => ({
    name,
    in: 'query',
    required: required.includes(name),
    schema,
  }));
}
