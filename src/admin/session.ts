import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { can, type Actor, type Permission } from '../auth/permissions.js';
import { AppError } from '../errors/index.js';
import { makeNonce } from '../http/security-headers.js';
import type { UserView } from '../auth/user.service.js';
import type { AdminDeps } from './deps.js';
import { ADMIN_LANGS, type AdminLang } from './messages.js';

/** Cookie that remembers the newsroom UI's language (not a secret; readable by scripts). */
export const LANG_COOKIE = 'jd_admin_lang';

/** Everything a page route needs to render for the signed-in member. */
export interface AdminPageContext {
  readonly actor: Actor;
  readonly user: UserView;
  readonly lang: AdminLang;
  /** The session's CSRF token: the shell puts it in a meta tag for `client/api.ts`. */
  readonly csrfToken: string;
  /** This response's CSP nonce, for the page's `<script>` tags. */
  readonly nonce: string;
  readonly deps: AdminDeps;
}

// The admin plugin's dependencies, keyed by the HTTP server that an app and all its
// encapsulated plugins share: page routes in manage/ and imports/ find them without wiring.
const registry = new WeakMap<object, AdminDeps>();
const nonces = new WeakMap<FastifyRequest, string>();

/** Called once by `adminRoutes`: makes the deps reachable from any admin page route. */
export function bindAdminDeps(app: FastifyInstance, deps: AdminDeps): void {
  registry.set(app.server, deps);
}

/** The admin deps of the app that serves `req`. */
export function adminDepsOf(req: FastifyRequest): AdminDeps {
  const deps = registry.get(req.server.server);
  // A programming error (a page route registered outside adminRoutes), never a user's.
  if (!deps) throw new AppError('JD_ERR_INTERNAL', {}, { cause: 'admin page route registered outside adminRoutes' });
  return deps;
}

/** The request's CSP nonce (one per response; the admin plugin sends it in the CSP header). */
export function nonceOf(req: FastifyRequest): string {
  let n = nonces.get(req);
  if (!n) nonces.set(req, (n = makeNonce()));
  return n;
}

/** The UI language of a request: the cookie if set, else Traditional Chinese. */
export function langOf(req: FastifyRequest): AdminLang {
  const v = req.cookies?.[LANG_COOKIE];
  return (ADMIN_LANGS as readonly string[]).includes(v ?? '') ? (v as AdminLang) : 'zh-Hant';
}

/** A same-site path to return to after signing in; anything else becomes `/admin/`. */
export function safeNext(next: unknown): string {
  // Only absolute paths of this site: no scheme, no protocol-relative `//host`, no backslash tricks.
  if (typeof next !== 'string' || !/^\/admin(\/[^\\]*)?$/.test(next.split('?')[0] ?? '') || next.startsWith('//')) return '/admin/';
  return next;
}

/**
 * How a page route gets the signed-in member. Without a browser session it redirects to
 * `/admin/login?next=…` and returns undefined; with a session but without `permission` it
 * answers 403 with the shell's "no access" page and returns undefined. In both cases the
 * route just returns the reply.
 *
 * @example
 * app.get('/media', async (req, reply) => {
 *   const page = await requireAdminPage(req, reply, 'media.upload');
 *   if (!page) return reply;
 *   return sendAdminPage(reply, renderAdminPage({ page, title: '媒體庫', active: 'media', body: <Library /> }));
 * });
 */
export async function requireAdminPage(req: FastifyRequest, reply: FastifyReply, permission?: Permission): Promise<AdminPageContext | undefined> {
  const deps = adminDepsOf(req);
  const c = deps.container;
  // A CSRF failure cannot happen here (pages are GETs); anything thrown is a real fault.
  const ctx = await c.auth.http.context(req);
  if (!ctx?.session) {
    await reply.redirect(`/admin/login?next=${encodeURIComponent(req.url)}`, 303);
    return undefined;
  }
  const user = await c.users.get(ctx.actor.userId);
  const page: AdminPageContext = { actor: ctx.actor, user, lang: langOf(req), csrfToken: ctx.session.csrfToken, nonce: nonceOf(req), deps };
  if (permission && !can(ctx.actor, permission)) {
    // Imported lazily: the layout imports this module for the context type.
    const { renderForbidden } = await import('./layout.js');
    await sendAdminPage(reply.code(403), renderForbidden(page));
    return undefined;
  }
  return page;
}

/** Sends a rendered admin page: HTML, never cached (it carries the member's CSRF token). */
export function sendAdminPage(reply: FastifyReply, html: string): FastifyReply {
  return reply.type('text/html; charset=utf-8').header('Cache-Control', 'no-store').send(html);
}
