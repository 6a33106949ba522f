import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { can, PERMISSIONS, type Actor, type Permission as Right } from '../auth/permissions.js';
import { AppError, parseOrThrow } from '../errors/index.js';
import { etagFor } from '../http/etag.js';

/**
 * Who may call an endpoint: anyone (`public`), or a signed-in member or token holding a right
 * of the permission matrix (src/auth/permissions.ts). Every endpoint must say; there is no
 * default.
 */
export type Permission = 'public' | Right;

/** Finds out who is calling (session cookie or bearer token); undefined when nobody is signed in. */
export type Authenticate = (req: FastifyRequest) => Promise<Actor | undefined>;

/**
 * An endpoint as a declarative object: its input schemas, permissions, caching and handler.
 * The shared pipeline validates input, checks permissions, runs the handler and serializes.
 *
 * @example
 * defineEndpoint({ method: 'GET', url: '/api/v1/sections', permissions: 'public',
 *   cache: { maxAge: 60 }, handler: async () => ({ sections: [] }) });
 */
export interface Endpoint<Q extends z.ZodType = z.ZodType, P extends z.ZodType = z.ZodType, B extends z.ZodType = z.ZodType> {
  readonly method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  readonly url: string;
  readonly permissions: Permission;
  readonly query?: Q;
  readonly params?: P;
  /** Schema of a JSON request body (writes). */
  readonly body?: B;
  /** Seconds shared caches may keep a response; 0 for no caching. */
  readonly cache: { readonly maxAge: number };
  readonly statusCode?: number;
  readonly summary?: string;
  /** Longer text for the API docs (`/api/v1/docs`): what the endpoint does and its rules. */
  readonly description?: string;
  /** Schema of a successful response, for the OpenAPI document only (responses are not checked against it). */
  readonly response?: z.ZodType;
  // A method, not a function property: endpoints with their own input types must still fit in
  // one `Endpoint[]` list (method parameters are checked bivariantly).
  handler(input: { query: z.output<Q>; params: z.output<P>; body: z.output<B>; actor: Actor | undefined; req: FastifyRequest }): Promise<unknown>;
}

/** Identity helper that keeps the endpoint's input types. */
export function defineEndpoint<Q extends z.ZodType, P extends z.ZodType, B extends z.ZodType = z.ZodType>(e: Endpoint<Q, P, B>): Endpoint<Q, P, B> {
  return e;
}

const KNOWN_PERMISSIONS: ReadonlySet<string> = new Set<Permission>(['public', ...PERMISSIONS]);

/** An endpoint as registered: the endpoint and its full path (with the plugin's prefix). */
export interface RegisteredEndpoint {
  readonly endpoint: Endpoint;
  readonly path: string;
}

// Keyed by the HTTP server, which an app and all its encapsulated plugins share, so endpoints
// registered anywhere in one app are listed together and two apps never mix.
const registries = new WeakMap<object, RegisteredEndpoint[]>();

/**
 * Every endpoint registered on `app` (or any plugin of it) through `registerEndpoints`, in
 * registration order: what the OpenAPI document is generated from, so a new endpoint is
 * documented the moment it is served.
 */
export function registeredEndpoints(app: FastifyInstance): readonly RegisteredEndpoint[] {
  return registries.get(app.server) ?? [];
}

/**
 * Registers endpoints on a Fastify instance through the shared pipeline. An endpoint without a
 * known `permissions` value stops the boot: a forgotten check must never mean "open".
 */
export function registerEndpoints(app: FastifyInstance, endpoints: readonly Endpoint[], options: { authenticate?: Authenticate } = {}): void {
  for (const e of endpoints) {
    if (!KNOWN_PERMISSIONS.has(e.permissions as string) || (e.permissions !== 'public' && !options.authenticate)) {
      throw new AppError('JD_ERR_HTTP_ENDPOINT_INVALID', { endpoint: `${e.method} ${e.url}` });
    }
    const registry = registries.get(app.server) ?? [];
    registries.set(app.server, registry);
    registry.push({ endpoint: e, path: `${app.prefix ?? ''}${e.url}` });
    app.route({
      method: e.method,
      url: e.url,
      handler: async (req: FastifyRequest, reply: FastifyReply) => {
        let actor: Actor | undefined;
        if (e.permissions !== 'public') {
          actor = await options.authenticate!(req);
          if (!actor) throw new AppError('JD_ERR_AUTH_REQUIRED');
          if (!can(actor, e.permissions)) throw new AppError('JD_ERR_AUTH_FORBIDDEN', { action: e.permissions });
        }
        const query = e.query ? parseOrThrow(e.query, withoutNul(req.query)) : {};
        const params = e.params ? parseOrThrow(e.params, withoutNul(req.params)) : {};
        const input = e.body ? parseOrThrow(e.body, withoutNul(req.body ?? {})) : undefined;
        const result = await e.handler({ query, params, body: input, actor, req });
        if (e.method !== 'GET' || actor) {
          // Writes and members' reads are never cached or shared.
          reply.header('Cache-Control', 'no-store');
          return reply.code(e.statusCode ?? 200).type('application/json; charset=utf-8').send(JSON.stringify(result));
        }
        const body = JSON.stringify(result);
        const etag = etagFor(body);
        reply.header('ETag', etag);
        reply.header('Cache-Control', e.cache.maxAge > 0 ? `public, max-age=${e.cache.maxAge}` : 'no-store');
        reply.header('Vary', 'Accept-Encoding');
        if (req.headers['if-none-match'] === etag) return reply.code(304).send();
        return reply.code(e.statusCode ?? 200).type('application/json; charset=utf-8').send(body);
      },
    });
  }
}

/**
 * Input with NUL characters removed from every string. PostgreSQL cannot store or even compare
 * them in text (it fails the query), SQLite could; dropping them keeps both dialects alike and
 * makes a NUL sent anywhere data, not a 500.
 */
function withoutNul(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return value.includes('\u0000') ? value.replace(/\u0000/g, '') : value;
  // JSON bodies are bounded by the body limit; the depth bound only guards the recursion.
  if (depth > 64 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => withoutNul(v, depth + 1));
  // Parsed JSON and query strings are plain records; binary bodies are left as they are.
  if (ArrayBuffer.isView(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withoutNul(v, depth + 1)]));
}
