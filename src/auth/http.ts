import fastifyCookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors/index.js';
import type { ApiTokenService } from './api-token.service.js';
import type { AuditService } from './audit.service.js';
import { can, type Actor, type Permission } from './permissions.js';
import { sameSecret } from './secrets.js';
import type { ResolvedSession, SessionService } from './session.service.js';

/** Name of the session cookie. */
export const SESSION_COOKIE = 'jd_session';
/** Header that must repeat the session's CSRF token on cookie-authenticated writes. */
export const CSRF_HEADER = 'x-csrf-token';

/** Who is calling and, for a browser, its session. */
export interface AuthContext {
  readonly actor: Actor;
  readonly session?: ResolvedSession;
}

/** Finds out who is calling; the same shape as `Authenticate` in src/api/endpoint.ts. */
export type AuthenticateFn = (req: FastifyRequest) => Promise<Actor | undefined>;

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const BEARER = /^Bearer[ \t]+([A-Za-z0-9._~+/=-]+)[ \t]*$/i;

/**
 * Authentication over HTTP: session cookies and bearer tokens, CSRF for cookie writes, the
 * session cookie's flags and the hook that audits every authenticated write.
 *
 * Others protect their endpoints by passing `authenticate` (bound, safe to pass around) to the
 * endpoint pipeline; every write it lets through is CSRF-checked and audited:
 *
 * @example
 * registerEndpoints(app, articleAdminEndpoints(c), { authenticate: c.auth.http.authenticate });
 * // outside the pipeline (e.g. a multipart upload route):
 * const actor = await requireActor(c.auth.http.authenticate, req, 'media.upload');
 */
export class AuthHttp {
  readonly #sessions: SessionService;
  readonly #tokens: ApiTokenService;
  readonly #audit: AuditService;
  readonly #httpsSite: boolean;
  // One lookup per request however many times it is asked; kept only as long as the request.
  readonly #contexts = new WeakMap<FastifyRequest, Promise<AuthContext | undefined>>();
  readonly #audited = new WeakSet<FastifyRequest>();

  constructor(deps: { sessions: SessionService; tokens: ApiTokenService; audit: AuditService; siteUrl: string }) {
    this.#sessions = deps.sessions;
    this.#tokens = deps.tokens;
    this.#audit = deps.audit;
    this.#httpsSite = deps.siteUrl.startsWith('https:');
  }

  /**
   * The actor of a request: from `Authorization: Bearer <token>` if sent, else from the session
   * cookie. A cookie-authenticated POST/PUT/PATCH/DELETE without the session's `X-CSRF-Token`
   * throws `JD_ERR_AUTH_CSRF` (403); bearer requests are exempt, as browsers never attach that
   * header on their own. Undefined when nobody (valid) is signed in.
   */
  readonly authenticate: AuthenticateFn = async (req) => (await this.context(req))?.actor;

  /** The actor and session of a request (see `authenticate`). */
  context(req: FastifyRequest): Promise<AuthContext | undefined> {
    let ctx = this.#contexts.get(req);
    if (!ctx) {
      ctx = this.#resolve(req);
      this.#contexts.set(req, ctx);
    }
    return ctx;
  }

  async #resolve(req: FastifyRequest): Promise<AuthContext | undefined> {
    const header = req.headers.authorization;
    if (header !== undefined) {
      // An explicit credential never falls back to the cookie: a bad token is a 401, not a
      // silent switch to whoever is signed in in this browser.
      const m = BEARER.exec(header);
      const actor = m ? await this.#tokens.resolve(m[1]!) : undefined;
      return actor ? { actor } : undefined;
    }
    const token = req.cookies?.[SESSION_COOKIE];
    if (!token) return undefined;
    const session = await this.#sessions.resolve(token);
    if (!session) return undefined;
    if (UNSAFE.has(req.method)) {
      const sent = req.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !sameSecret(sent, session.csrfToken)) throw new AppError('JD_ERR_AUTH_CSRF');
    }
    return { actor: { userId: session.userId, role: session.role, via: 'session' }, session };
  }

  /** The session cookie's value as the browser sent it (for sign-in rotation and sign-out). */
  sessionToken(req: FastifyRequest): string | undefined {
    return req.cookies?.[SESSION_COOKIE] || undefined;
  }

  /**
   * Sets the session cookie: httpOnly (no script reads it), SameSite=Lax (not sent on
   * cross-site writes), Secure when the request came over HTTPS or the site is configured as
   * https:// (behind a TLS-terminating proxy the request itself looks like http).
   */
  setSessionCookie(req: FastifyRequest, reply: FastifyReply, token: string, expiresAt: Date): void {
    reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure: this.#secure(req), expires: expiresAt });
  }

  /** Removes the session cookie. */
  clearSessionCookie(req: FastifyRequest, reply: FastifyReply): void {
    reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: this.#secure(req) });
  }

  /** Tells the audit hook that this request recorded its own, richer entry. */
  markAudited(req: FastifyRequest): void {
    this.#audited.add(req);
  }

  #secure(req: FastifyRequest): boolean {
    return this.#httpsSite || req.protocol === 'https';
  }

  /**
   * Installs cookie parsing and the audit hook on the root app. Call it before any route is
   * registered: every successful (status < 400) POST/PUT/PATCH/DELETE whose actor was
   * authenticated is then recorded as `METHOD /route/:pattern`, target the path, from `req.ip`.
   */
  async install(app: FastifyInstance): Promise<void> {
    if (!app.hasRequestDecorator('cookies')) await app.register(fastifyCookie);
    app.addHook('onSend', async (req, reply, payload) => {
      if (!UNSAFE.has(req.method) || reply.statusCode >= 400 || this.#audited.has(req)) return payload;
      const pending = this.#contexts.get(req);
      const ctx = pending ? await pending.catch(() => undefined) : undefined;
      if (!ctx) return payload;
      try {
        await this.#audit.record({
          actor: ctx.actor,
          action: `${req.method} ${req.routeOptions.url ?? req.url.split('?')[0]}`,
          target: req.url.split('?')[0],
          ip: req.ip,
          details: { status: reply.statusCode, ...(req.params && Object.keys(req.params).length ? { params: req.params } : {}) },
        });
      } catch (err) {
        // The write has happened; failing its response now would only invite a retry.
        req.log.error({ err }, 'audit entry could not be written');
      }
      return payload;
    });
  }
}

/**
 * Authenticates a request outside the endpoint pipeline and checks a right, with the pipeline's
 * errors: 401 when nobody is signed in, 403 without the right (or on a CSRF failure).
 */
export async function requireActor(authenticate: AuthenticateFn, req: FastifyRequest, permission?: Permission): Promise<Actor> {
  const actor = await authenticate(req);
  if (!actor) throw new AppError('JD_ERR_AUTH_REQUIRED');
  if (permission && !can(actor, permission)) throw new AppError('JD_ERR_AUTH_FORBIDDEN', { action: permission });
  return actor;
}
