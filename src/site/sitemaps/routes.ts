import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../errors/index.js';
import { VARIANTS, variantPrefix } from '../../zh/variants.js';
import { tag, type PageTagger } from '../../render/cache/tags.js';
import { sendCached } from '../feeds/respond.js';
import { SitemapBuilder, type SitemapDeps } from './sitemap-data.js';
import { MAX_SITEMAP_URLS, SITEMAP_TYPE, renderNewsSitemap, renderRobots, renderSitemapIndex, renderUrlset } from './sitemap-xml.js';

/**
 * URLs per article sitemap. Below the protocol's 50,000 because each URL carries five hreflang
 * alternates: 10,000 keeps a file near 8 MB, far from the 50 MB limit, and quick to build.
 */
export const SITEMAP_PAGE_SIZE = 10_000;

/** Seconds caches may keep a sitemap; the news sitemap is kept as briefly as a feed. */
const MAX_AGE = { sitemap: 3600, news: 300, robots: 3600 } as const;

/** Options of the sitemap routes. */
export interface SitemapRouteOptions extends SitemapDeps {
  /** URLs per article sitemap (tests use a tiny one); at most 50,000. */
  readonly pageSize?: number;
  /** The clock of the news sitemap's 48-hour window. */
  readonly now?: () => Date;
  /** Declares sitemaps cacheable (src/render/cache); absent when the page cache is off. */
  readonly cache?: PageTagger;
}

/**
 * `/sitemap.xml` (index), `/sitemaps/articles-{n}.xml`, `/sitemaps/pages.xml`,
 * `/news-sitemap.xml` and `/robots.txt`. Registered once, unprefixed: a sitemap lists every
 * variant through hreflang, so `/zh-tw/sitemap.xml` is not a URL (it falls to the 404 handler).
 */
export async function sitemapRoutes(app: FastifyInstance, opts: SitemapRouteOptions): Promise<void> {
  const builder = new SitemapBuilder(opts);
  const pageSize = Math.min(opts.pageSize ?? SITEMAP_PAGE_SIZE, MAX_SITEMAP_URLS);
  const now = opts.now ?? (() => new Date());
  const site = opts.config.siteUrl;
  // Sitemaps list articles with their lastmod: any published change purges them. The index only
  // counts them, and robots.txt lists fixed URLs.
  if (opts.cache) {
    const cache = opts.cache;
    const tagOf = (url: string) => (url.startsWith('/robots.txt') ? tag.robots : url === '/sitemap.xml' ? tag.sitemapIndex : tag.sitemap);
    app.addHook('onRequest', async (req, reply) => cache.document(reply, tagOf(req.url)));
  }

  app.get('/sitemap.xml', async (req, reply) => {
    const n = await builder.articlePages(pageSize);
    const locs = [`${site}/sitemaps/pages.xml`, ...Array.from({ length: n }, (_, i) => `${site}/sitemaps/articles-${i + 1}.xml`)];
    return sendCached(req, reply, { type: SITEMAP_TYPE, body: renderSitemapIndex(locs), maxAge: MAX_AGE.sitemap });
  });

  app.get('/sitemaps/:file', async (req: FastifyRequest<{ Params: { file: string } }>, reply) => {
    const { file } = req.params;
    const notFound = () => new AppError('JD_ERR_HTTP_NOT_FOUND', { path: req.url.split('?')[0] });
    let body: string;
    if (file === 'pages.xml') body = renderUrlset(await builder.pages());
    else {
      const m = /^articles-([1-9]\d{0,6})\.xml$/.exec(file);
      if (!m) throw notFound();
      const n = Number(m[1]);
      if (n > (await builder.articlePages(pageSize))) throw notFound();
      body = renderUrlset(await builder.articles(n, pageSize));
    }
    return sendCached(req, reply, { type: SITEMAP_TYPE, body, maxAge: MAX_AGE.sitemap });
  });

  app.get('/news-sitemap.xml', async (req, reply) => {
    const news = await builder.news(now());
    // Its entries are a URL, a title and a time: what a card shows.
    opts.cache?.feed(reply, tag.sitemapNews, news.urls.map((u) => u.loc), true);
    return sendCached(req, reply, { type: SITEMAP_TYPE, body: renderNewsSitemap(news.publication, news.urls), maxAge: MAX_AGE.news });
  });

  app.get('/robots.txt', async (req, reply) =>
    sendCached(req, reply, { type: 'text/plain; charset=utf-8', body: renderRobots(site, VARIANTS.map(variantPrefix)), maxAge: MAX_AGE.robots }),
  );
}
