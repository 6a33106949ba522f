import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import { registerEndpoints } from '../api/endpoint.js';
import { contentEndpoints } from '../api/content.api.js';
import type { Container } from '../container.js';
import { renderNotFound } from '../render/index.js';
import { addressingOf } from '../site/chrome.js';
import { feedRoutes } from '../site/feeds/routes.js';
import { SitePages } from '../site/site-pages.js';
import { siteRoutes } from '../site/routes.js';
import { sitemapRoutes } from '../site/sitemaps/routes.js';
import { VARIANTS, variantPrefix } from '../zh/variants.js';
import { installErrorHandling } from './errors.js';

const ASSETS_DIR = fileURLToPath(new URL('../render/assets/', import.meta.url));

/**
 * Builds the HTTP application: assets, media, the content API and the public site under every
 * variant prefix, with one error handler. It does not listen; `listen` in main does.
 */
export async function buildServer(c: Container): Promise<FastifyInstance> {
  const app = Fastify({
    logger: c.config.logLevel === 'silent' ? false : { level: c.config.logLevel },
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    bodyLimit: 1024 * 1024,
  });
  const css = readFileSync(`${ASSETS_DIR}site.css`);
  const stylesheet = `/assets/site.css?v=${createHash('sha1').update(css).digest('hex').slice(0, 10)}`;
  const pages = new SitePages({ ...c.site, config: c.config, stylesheet, dictionary: c.dictionary });

  app.addHook('onSend', async (_req, reply) => {
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'strict-origin-when-cross-origin');
  });

  installErrorHandling(app, async (req, status, message) => renderNotFound(await pages.notFound(addressingOf(req.url, c.config.defaultVariant), status, message)));

  app.get('/assets/site.css', async (_req, reply) =>
    reply.type('text/css; charset=utf-8').header('Cache-Control', 'public, max-age=31536000, immutable').send(css),
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
  await app.register(sitemapRoutes, { ...c.site, dictionary: c.dictionary, config: c.config });

  registerEndpoints(app, contentEndpoints({ ...c.site, dictionary: c.dictionary, siteUrl: c.config.siteUrl }));

  const mounts = [{ prefix: '', at: { variant: c.config.defaultVariant, prefixed: false } }, ...VARIANTS.map((v) => ({ prefix: `/${variantPrefix(v)}`, at: { variant: v, prefixed: true } }))];
  for (const m of mounts) {
    await app.register(siteRoutes, { prefix: m.prefix, pages, at: m.at });
    await app.register(feedRoutes, { prefix: m.prefix, reader: c.site.reader, tagService: c.site.tagService, dictionary: c.dictionary, config: c.config, at: m.at });
  }
  return app;
}
