import type { z } from 'zod';
import { fromZod, ref } from './schema.js';
import type {
  Header,
  JsonSchema,
  Operation,
  Parameter,
  Response,
  SecurityRequirement,
} from './types.js';

/** What one route declares; an expander turns it into an OpenAPI operation. */
export interface RouteDoc {
  id: string;
  summary: string;
  tag: string;
  description?: string;
  /** Alternatives any one of which lets the request in; absent: public (`security: []`). */
  security?: SecurityRequirement[];
  /** `x-permission`: what the caller's principal must hold. */
  permission?: string;
  /** Whether the path has an `{id}`. */
  pathId?: boolean;
  query?: z.ZodObject;
  /** A JSON body, described by the very zod schema the handler validates with. */
  body?: z.ZodType;
  /** A form body (`application/x-www-form-urlencoded`): the component schema of its fields. */
  form?: string;
  ok: Success;
  /** Error statuses this route answers beyond the ones its declaration implies. */
  errors?: number[];
  /** This route's own wording of error statuses, replacing the document's (and adding them). */
  notes?: Record<number, string>;
}

/** The success answer: status, and the body's schema (a component name, or inline). */
export interface Success {
  status: 200 | 201 | 204;
  schema?: string | JsonSchema;
  /** `application/json` unless said. */
  mediaType?: string;
  description?: string;
  headers?: Record<string, Header>;
}

/** What differs between documents: the error body, its wording, and the statuses implied. */
export interface ErrorProfile {
  /** Component schema of every error body. */
  schema: string;
  /** What each error status means, for every route of the document. */
  descriptions: Record<number, string>;
  /** Statuses a declaration implies (a body can be invalid, a permission missing, ...). */
  implied: (doc: RouteDoc) => number[];
}

/** Headers that say how an answer may be cached. */
export function cacheControl(value: string, why?: string): Record<string, Header> {
  return {
    'Cache-Control': {
      description: why ? `Always \`${value}\`: ${why}` : `Always \`${value}\``,
      schema: { type: 'string', const: value },
    },
  };
}

const RETRY_AFTER: Record<string, Header> = {
  'Retry-After': {
    description: 'Seconds until a retry may succeed',
    schema: { type: 'integer', minimum: 0 },
  },
};

/** An expander of route declarations into operations, for one document's error profile. */
export function expander(profile: ErrorProfile): (doc: RouteDoc) => Operation {
  return (doc) => expand(doc, profile);
}

function expand(doc: RouteDoc, profile: ErrorProfile): Operation {
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

  const statuses = new Set<number>([...profile.implied(doc), ...(doc.errors ?? [])]);
  for (const status of Object.keys(doc.notes ?? {})) {
    statuses.add(Number(status));
  }
  const responses: Record<string, Response> = { [doc.ok.status]: success(doc.ok) };
  for (const status of [...statuses].sort((a, b) => a - b)) {
    const description = doc.notes?.[status] ?? profile.descriptions[status] ?? 'Error';
    responses[status] = {
      description,
      ...(status === 429 ? { headers: RETRY_AFTER } : {}),
      content: { 'application/json': { schema: ref(profile.schema) } },
    };
  }

  return {
    operationId: doc.id,
    summary: doc.summary,
    tags: [doc.tag],
    ...(doc.description ? { description: doc.description } : {}),
    security: doc.security ?? [],
    ...(doc.permission ? { 'x-permission': doc.permission } : {}),
    ...(parameters.length > 0 ? { parameters } : {}),
    ...requestBody(doc),
    responses,
  };
}

function requestBody(doc: RouteDoc): Pick<Operation, 'requestBody'> {
  if (doc.body) {
    const schema = fromZod(doc.body);
    return { requestBody: { required: true, content: { 'application/json': { schema } } } };
  }
  if (doc.form) {
    const content = { 'application/x-www-form-urlencoded': { schema: ref(doc.form) } };
    return { requestBody: { required: true, content } };
  }
  return {};
}

function success(ok: Success): Response {
  const response: Response = { description: ok.description ?? (ok.schema ? 'OK' : 'Done') };
  if (ok.headers) {
    response.headers = ok.headers;
  }
  if (ok.status !== 204 && ok.schema) {
    const schema = typeof ok.schema === 'string' ? ref(ok.schema) : ok.schema;
    response.content = { [ok.mediaType ?? 'application/json']: { schema } };
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
