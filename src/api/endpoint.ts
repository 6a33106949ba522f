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
  // A method, not a function property: endpoints with their own input types must still fit in
  // one `Endpoint[]` list (method parameters are checked bivariantly).
  handler(input: { query: z.output<Q>; params: z.output<P>; body: z.output<B>; actor: Actor | undefined; req: FastifyRequest }): Promise<unknown>;
}

/** Identity helper that keeps the endpoint's input types. */
export function defineEndpoint<Q extends z.ZodType, P extends z.ZodType, B extends z.ZodType = z.ZodType>(e: Endpoint<Q, P, B>): Endpoint<Q, P, B> {
  return e;
}

const KNOWN_PERMISSIONS: ReadonlySet<string> = new Set<Permission>(['public', ...PERMISSIONS]);

/**
 * Registers endpoints on a Fastify instance through the shared pipeline. An endpoint without a
 * known `permissions` value stops the boot: a forgotten check must never mean "open".
 */
export function registerEndpoints(app: FastifyInstance, endpoints: readonly Endpoint[], options: { authenticate?: Authenticate } = {}): void {
  for (const e of endpoints) {
    if (!KNOWN_PERMISSIONS.has(e.permissions as string) || (e.permissions !== 'public' && !options.authenticate)) {
      throw new AppError('JD_ERR_HTTP_ENDPOINT_INVALID', { endpoint: `${e.method} ${e.url}` });
    }
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
        const query = e.query ? parseOrThrow(e.query, req.query) : {};
        const params = e.params ? parseOrThrow(e.params, req.params) : {};
        const input = e.body ? parseOrThrow(e.body, req.body ?? {}) : undefined;
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
