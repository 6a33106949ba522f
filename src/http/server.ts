import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import { registerEndpoints } from '../api/endpoint.js';
import { adminArticleEndpoints } from '../api/admin-articles.api.js';
import { adminRevisionEndpoints } from '../api/admin-revisions.api.js';
import { adminTaxonomyEndpoints } from '../api/admin-taxonomy.api.js';
import { adminWorkflowEndpoints } from '../api/admin-workflow.api.js';
import { adminGuardEndpoints } from '../api/admin-guard.api.js';
import { apiDocsRoutes } from '../api/api-docs.js';
import { collectApiRoutes, openApiEndpoints } from '../api/openapi.js';
import { adminTokenEndpoints } from '../api/admin-tokens.api.js';
import { adminMediaEndpoints, adminMediaUploadRoutes } from '../api/admin-media.api.js';
import { adminUserEndpoints } from '../api/admin-users.api.js';
import { adminWebhookEndpoints } from '../api/admin-webhooks.api.js';
import { adminSettingsEndpoints } from '../api/admin-settings.api.js';
import { adminDictionaryEndpoints } from '../api/admin-dictionary.api.js';
import { adminMediaUsageEndpoints } from '../api/admin-media-usage.api.js';
import { authEndpoints, authRoutes } from '../api/auth.api.js';
import { contentEndpoints } from '../api/content.api.js';
import { searchEndpoints } from '../api/search.api.js';
import { viewsRoutes } from '../api/views.api.js';
import { viewsFastHandler } from '../api/views-fast.js';
import { adminRoutes } from '../admin/routes.js';
import type { Container } from '../container.js';
import { renderNotFound } from '../render/index.js';
import { BEACON_SCRIPT, beaconFor } from '../recommend/beacon-script.js';
import type { ArticleModel } from '../render/models.js';
import { addressingOf, type Addressing } from '../site/chrome.js';
import { feedRoutes } from '../site/feeds/routes.js';
import { SitePages } from '../site/site-pages.js';
import { siteRoutes } from '../site/routes.js';
import { sitemapRoutes } from '../site/sitemaps/routes.js';
import { VARIANTS, variantPrefix } from '../zh/variants.js';
import { installErrorHandling } from './errors.js';
import { installIngest } from '../ingest/http.js';
import { installSecurityHeaders } from './security-headers.js';
import { FastPath } from './fast-path.js';
import { installPageCache } from '../render/cache/http.js';
import { SESSION_COOKIE } from '../auth/http.js';

const ASSETS_DIR = fileURLToPath(new URL('../render/assets/', import.meta.url));

/**
 * Builds the HTTP application: assets, media, the content API and the public site under every
 * variant prefix, with one error handler. It does not listen; `listen` in main does.
 */
export async function buildServer(c: Container, options: BuildServerOptions = {}): Promise<FastifyInstance> {
  // Handlers that answer on the bare node:http request, before Fastify routes it (src/http/fast-path.ts).
  const fast = options.fastPath ?? new FastPath();
  const app = Fastify({
    serverFactory: fast.serverFactory(),
    logger: c.config.logLevel === 'silent' ? false : { level: c.config.logLevel },
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    bodyLimit: 1024 * 1024,
    // req.ip is the client's address only when the peer is a trusted proxy (JIAODIAN_TRUST_PROXY).
    trustProxy: c.config.trustProxy === 'off' ? false : c.config.trustProxy,
  });
  const css = readFileSync(`${ASSETS_DIR}site.css`);
  const stylesheet = `/assets/site.css?v=${createHash('sha1').update(css).digest('hex').slice(0, 10)}`;
  // The configuration with the admins' site settings over it (src/settings), current per request.
  const site = c.settings.liveConfig();
  app.addHook('onRequest', async () => void (await c.settings.refresh()));
  const pages = new PagesWithBeacon({ ...c.site, config: site, stylesheet, dictionary: c.dictionary });

  // CSP, nosniff, referrer policy, framing and safe media types (src/http/security-headers.ts).
  installSecurityHeaders(app);
  // The page cache: stores what routes declare cacheable with the headers above, serves hits first.
  if (c.pageCaching.enabled) fast.add(installPageCache(app, c.pageCaching, { sessionCookie: SESSION_COOKIE, answers: fast.answers }));
  // Views beacons as sendBeacon sends them, without Fastify's per-request cost (src/api/views-fast.ts).
  fast.add(viewsFastHandler({ ingest: c.views.ingest, trustProxy: c.config.trustProxy, answers: fast.answers }));

  // Every /api/ route from here on is listed in the OpenAPI document, pipeline or not.
  collectApiRoutes(app);
  installErrorHandling(app, async (req, status, message) => {
    const model = await pages.notFound(addressingOf(req.url, site.defaultVariant), status, message);
    // A stored not-found page lists the newest articles: it depends on them (src/render/cache).
    c.pageCaching.tagger?.notFound(req, model);
    return renderNotFound(model);
  });
  // Cookies, and the hook that audits every authenticated write: before any route is added.
  await c.auth.http.install(app);

  app.get('/assets/site.css', async (_req, reply) =>
    reply.type('text/css; charset=utf-8').header('Cache-Control', 'public, max-age=31536000, immutable').send(css),
  );
  // The article page's views beacon (src/recommend/beacon-script.ts), versioned like the stylesheet.
  app.get('/assets/views.js', async (_req, reply) =>
    reply.type('text/javascript; charset=utf-8').header('Cache-Control', 'public, max-age=31536000, immutable').send(BEACON_SCRIPT),
  );
  await app.register(fastifyStatic, {
    root: c.mediaDir,
    prefix: '/media/',
    decorateReply: false,
    index: false,
    list: false,
    dotfiles: 'deny',
    maxAge: '7d',
    // Media is never a document: even an SVG with a script in it cannot run as a page.
    setHeaders: (res) => res.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; sandbox"),
  });
  // Sitemaps and robots.txt list every variant themselves: mounted once, unprefixed.
  await app.register(sitemapRoutes, { ...c.site, dictionary: c.dictionary, config: site, cache: c.pageCaching.tagger });

  registerEndpoints(app, contentEndpoints({ ...c.site, dictionary: c.dictionary, siteUrl: c.config.siteUrl }));
  registerEndpoints(app, searchEndpoints({ search: c.search.service }));
  // Accounts and access. Every non-public endpoint group is registered with this authenticate.
  const auth = { authenticate: c.auth.http.authenticate };
  const authDeps = { ...c.auth, users: c.users };
  await app.register(authRoutes, authDeps);
  registerEndpoints(app, authEndpoints(authDeps));
  registerEndpoints(app, adminUserEndpoints({ users: c.users, sessions: c.auth.sessions }), auth);
  registerEndpoints(app, adminTokenEndpoints({ tokens: c.auth.tokens, audit: c.auth.audit }), auth);
  // The media library (its upload route is multipart, outside the JSON pipeline) and webhooks.
  await app.register(adminMediaUploadRoutes, { media: c.mediaLibrary, authenticate: auth.authenticate, maxUploadMb: c.config.maxUploadMb });
  registerEndpoints(app, adminMediaEndpoints({ media: c.mediaLibrary }), auth);
  registerEndpoints(app, adminWebhookEndpoints({ webhooks: c.webhooks.service }), auth);
  // Imports (src/ingest): redirects from imported old URLs, the import API, the feed poller.
  await installIngest(app, c, auth);
  // Site settings and the site dictionary (網站設定); a dictionary change drops every cached page.
  registerEndpoints(app, adminSettingsEndpoints({ settings: c.settings }), auth);
  registerEndpoints(app, adminMediaUsageEndpoints({ media: c.mediaLibrary }), auth);
  registerEndpoints(app, adminDictionaryEndpoints({ dictionary: c.dictionary, notAudited: (req) => c.auth.http.markAudited(req), onChange: async () => { await c.events.emit({ type: 'dictionary.changed' }); c.cluster.publish({ type: 'cache.purgeAll' }); } }), auth);
  // The newsroom: articles of every status, the workflow, revisions, sections and tags.
  const newsroom = { ...c.newsroom, siteUrl: c.config.siteUrl };
  registerEndpoints(app, adminArticleEndpoints(newsroom), auth);
  registerEndpoints(app, adminWorkflowEndpoints(newsroom), auth);
  registerEndpoints(app, adminRevisionEndpoints(newsroom), auth);
  registerEndpoints(app, adminTaxonomyEndpoints(newsroom), auth);
  registerEndpoints(app, adminGuardEndpoints(), auth);
  // The API's own description, generated from the endpoints registered above and below.
  const apiInfo = { title: c.config.siteName, version: '1', siteUrl: c.config.siteUrl };
  registerEndpoints(app, openApiEndpoints(app, apiInfo));
  await app.register(apiDocsRoutes, { info: apiInfo });
  // Deliveries go out while the server runs; CLI saves only queue them.
  c.webhooks.dispatcher.start();
  app.addHook('onClose', async () => c.webhooks.dispatcher.stop());
  await app.register(viewsRoutes, { ingest: c.views.ingest });
  // The newsroom UI (src/admin): sign-in, articles, editor, review and the management screens.
  await app.register(adminRoutes, { prefix: '/admin', container: c });
  // Load the segmenter and the site's keyword statistics in the background, not on a reader's time.
  void Promise.all([c.search.service.warm(), c.search.keywords.relearn()]).catch((err: unknown) => app.log.warn({ err }, 'search warm-up failed'));

  const mounts = [{ prefix: '', at: { get variant() { return site.defaultVariant; }, prefixed: false } }, ...VARIANTS.map((v) => ({ prefix: `/${variantPrefix(v)}`, at: { variant: v, prefixed: true } }))];
  for (const m of mounts) {
    await app.register(siteRoutes, { prefix: m.prefix, pages, at: m.at, tagRedirect: (slug) => c.newsroom.taxonomy.redirectFor(slug), cache: c.pageCaching.tagger });
    await app.register(feedRoutes, { prefix: m.prefix, reader: c.site.reader, tagService: c.site.tagService, dictionary: c.dictionary, config: site, at: m.at, cache: c.pageCaching.tagger });
  }
  return app;
}

/** Options of `buildServer`. */
export interface BuildServerOptions {
  /** The fast handlers in front of Fastify; the page cache adds its own to it. */
  readonly fastPath?: FastPath;
}

/** The public pages, with the views beacon (script and no-JS pixel) on article pages. */
class PagesWithBeacon extends SitePages {
  override async article(at: Addressing, id: number): Promise<ArticleModel> {
    const model = await super.article(at, id);
    return { ...model, beacon: beaconFor(model.article.id) };
  }
}
