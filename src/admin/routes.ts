import type { FastifyInstance } from 'fastify';
import { nonceCsp } from '../http/security-headers.js';
import { adminAssetRoutes } from './assets.js';
import { articlePageRoutes } from './articles/routes.js';
import { authPageRoutes } from './auth-pages.js';
import type { AdminDeps } from './deps.js';
import { importRoutes } from './imports/routes.js';
import { manageRoutes } from './manage/routes.js';
import { bindAdminDeps, nonceOf } from './session.js';

// Players the preview may frame, should the public template embed allowlisted videos.
const FRAME_HOSTS = ['https://www.youtube-nocookie.com', 'https://www.youtube.com', 'https://player.bilibili.com', 'https://platform.twitter.com'];

/**
 * The newsroom UI, mounted at `/admin` (`app.register(adminRoutes, { prefix: '/admin', container })`).
 * Every HTML response gets the nonce Content-Security-Policy of src/http/security-headers.ts:
 * scripts only from this origin with the response's nonce, no inline handlers, no plugins.
 * It also mounts the management screens (manage/) and the import screen (imports/).
 */
export async function adminRoutes(app: FastifyInstance, opts: AdminDeps): Promise<void> {
  // Only the deps go on to the sub-plugins: `opts` also carries this plugin's own `prefix`.
  const deps: AdminDeps = { container: opts.container };
  bindAdminDeps(app, deps);
  // Plain HTML forms (sign-in, sign-out) post urlencoded bodies; only inside /admin.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 64 * 1024 }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(String(body))));
  });
  app.addHook('onSend', async (req, reply, payload) => {
    if (!reply.hasHeader('Content-Security-Policy') && String(reply.getHeader('Content-Type') ?? '').startsWith('text/html')) {
      reply.header('Content-Security-Policy', nonceCsp(nonceOf(req), { frameHosts: FRAME_HOSTS }));
    }
    return payload;
  });
  app.get('/', async (_req, reply) => reply.redirect('/admin/articles', 302));
  await app.register(adminAssetRoutes);
  await app.register(authPageRoutes, deps);
  await app.register(articlePageRoutes, deps);
  await app.register(manageRoutes, deps);
  await app.register(importRoutes, deps);
}
