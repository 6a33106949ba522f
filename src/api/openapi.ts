import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { errorCodes } from '../errors/index.js';
import { defineEndpoint, registeredEndpoints, type Endpoint, type RegisteredEndpoint } from './endpoint.js';

/** A JSON Schema (2020-12, the dialect OpenAPI 3.1 uses). */
export type JsonSchema = Record<string, unknown>;

/** The document's title, version and server. */
export interface OpenApiInfo {
  readonly title: string;
  readonly version: string;
  readonly siteUrl: string;
}

/** A route served outside the endpoint pipeline (sign-in, uploads, beacons): documented by path and method only. */
export interface PlainRoute {
  readonly method: string;
  readonly path: string;
}

// Routes seen by the onRoute hook, per app (keyed by its HTTP server, as the endpoint registry).
const plainRoutes = new WeakMap<object, PlainRoute[]>();

/**
 * Starts noting every `/api/` route `app` registers, so routes outside the endpoint pipeline
 * are in the document too. Call it before any route is added.
 */
export function collectApiRoutes(app: FastifyInstance): void {
  const list: PlainRoute[] = [];
  plainRoutes.set(app.server, list);
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      // Fastify adds HEAD for every GET by itself; it needs no entry of its own.
      if (route.url.startsWith('/api/') && method !== 'HEAD' && method !== 'OPTIONS') list.push({ method, path: route.url });
    }
  });
}

/** A zod schema as JSON Schema; what JSON Schema cannot say (transforms) becomes `{}`. */
export function jsonSchemaOf(schema: z.ZodType): JsonSchema {
  try {
    const out = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' }) as JsonSchema;
    delete out.$schema;
    return out;
  } catch {
    return {};
  }
}

const ERROR_SCHEMA: JsonSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string', enum: Object.keys(errorCodes) },
        message: { type: 'string' },
        fields: { type: 'object', additionalProperties: { type: 'string' }, description: 'field path → message' },
      },
    },
    current: { type: 'object', description: 'On a 409 conflict: the item as stored now, with its `version`.' },
  },
};

const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } });

/** OpenAPI `{name}` path syntax from Fastify's `:name`. */
export function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z_]\w*)/g, '{$1}');
}

function parameters(e: Endpoint, path: string) {
  const out: JsonSchema[] = [];
  const add = (where: 'path' | 'query', schema: z.ZodType | undefined, names: readonly string[]) => {
    const js = schema ? jsonSchemaOf(schema) : {};
    const props = (js.properties ?? {}) as Record<string, JsonSchema>;
    const required = new Set((js.required ?? []) as string[]);
    const all = where === 'path' ? names : Object.keys(props);
    for (const name of all) {
      const s = props[name] ?? { type: 'string' };
      const { description, ...rest } = s;
      out.push({ name, in: where, required: where === 'path' || required.has(name), schema: rest, ...(description ? { description } : {}) });
    }
  };
  add('path', e.params, [...path.matchAll(/:([A-Za-z_]\w*)/g)].map((m) => m[1]!));
  add('query', e.query, []);
  return out;
}

function operationId(method: string, path: string): string {
  const words = path
    .replace(/^\/api\/v1\//, '')
    .split('/')
    .map((p) => (p.startsWith(':') ? `by-${p.slice(1)}` : p))
    .join('-');
  return `${method.toLowerCase()}-${words}`.replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : ''));
}

/** The group an operation is listed under: `admin/articles`, `search`, … */
export function groupOf(path: string): string {
  const parts = path.replace(/^\/api\/v1\//, '').split('/');
  return parts[0] === 'admin' && parts[1] ? `admin/${parts[1]}` : (parts[0] ?? 'api');
}

function operation({ endpoint: e, path }: RegisteredEndpoint) {
  const secured = e.permissions !== 'public';
  const status = String(e.statusCode ?? 200);
  const responses: Record<string, unknown> = {
    [status]: { description: 'OK', content: { 'application/json': { schema: e.response ? jsonSchemaOf(e.response) : { type: 'object' } } } },
    '400': errorResponse('Invalid input: `error.fields` maps each field to a message'),
  };
  if (secured) {
    responses['401'] = errorResponse('Not signed in and no API token');
    responses['403'] = errorResponse(`The role lacks \`${e.permissions}\` (or the item is not the caller's), or a cookie write without X-CSRF-Token`);
  }
  if (e.params) responses['404'] = errorResponse('No such item');
  if (e.method !== 'GET' && secured) responses['409'] = errorResponse('Conflict: a stale `version` or a state that does not allow this; `current` holds the item as stored');
  return {
    operationId: operationId(e.method, path),
    summary: e.summary ?? `${e.method} ${path}`,
    ...(e.description ? { description: e.description } : {}),
    tags: [groupOf(path)],
    ...(secured ? { 'x-permission': e.permissions } : {}),
    security: secured ? [{ bearerAuth: [] }, { cookieAuth: [] }] : [],
    parameters: parameters(e, path),
    ...(e.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchemaOf(e.body) } } } } : {}),
    responses,
  };
}

/**
 * The OpenAPI 3.1 document of every API route `app` serves: pipeline endpoints with their
 * parameters and bodies from their zod schemas, and other `/api/` routes by path and method.
 * It reads the same registry `registerEndpoints` fills, so nothing is listed by hand.
 */
export function openApiDocument(app: FastifyInstance, info: OpenApiInfo): JsonSchema {
  const paths: Record<string, Record<string, unknown>> = {};
  const documented = new Set<string>();
  for (const r of registeredEndpoints(app)) {
    const p = openApiPath(r.path);
    (paths[p] ??= {})[r.endpoint.method.toLowerCase()] = operation(r);
    documented.add(`${r.endpoint.method} ${r.path}`);
  }
  for (const r of plainRoutes.get(app.server) ?? []) {
    if (documented.has(`${r.method} ${r.path}`)) continue;
    const p = openApiPath(r.path);
    const names = [...r.path.matchAll(/:([A-Za-z_]\w*)/g)].map((m) => m[1]!);
    (paths[p] ??= {})[r.method.toLowerCase()] = {
      operationId: operationId(r.method, r.path),
      summary: `${r.method} ${r.path}`,
      description: 'Served outside the endpoint pipeline (form, upload or beacon route); see its module for the body.',
      tags: [groupOf(r.path)],
      parameters: names.map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' } })),
      responses: { default: { description: 'See the route' } },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: info.title,
      version: info.version,
      description: 'Jiaodian content, search and admin API. Errors are `{error:{code,message,fields}}`; lists are `{<items>, meta:{page,limit,total}}`; writes return the item with its new `version`.',
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    servers: [{ url: info.siteUrl }],
    paths,
    components: {
      securitySchemes: {
        bearerAuth: { type: 'http', scheme: 'bearer', description: 'An API token from `jiaodian token create` or POST /api/v1/admin/tokens' },
        cookieAuth: { type: 'apiKey', in: 'cookie', name: 'jd_session', description: 'The session cookie from POST /api/v1/auth/login; writes also need the X-CSRF-Token header' },
      },
      schemas: { Error: ERROR_SCHEMA },
    },
  };
}

/**
 * `GET /api/v1/openapi.json`. The document is built on first request, when every route is
 * registered (routes cannot change after the server starts), and kept.
 */
export function openApiEndpoints(app: FastifyInstance, info: OpenApiInfo): Endpoint[] {
  let doc: JsonSchema | undefined;
  return [
    defineEndpoint({
      method: 'GET',
      url: '/api/v1/openapi.json',
      summary: 'This OpenAPI 3.1 document',
      permissions: 'public',
      cache: { maxAge: 300 },
      handler: async () => (doc ??= openApiDocument(app, info)),
    }),
  ];
}
