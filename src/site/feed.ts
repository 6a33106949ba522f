import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Config } from '../config/index.js';
import type { ArticleReader } from '../content/article.reader.js';
import type { ArticleView } from '../content/views.js';
import { variantPrefix } from '../zh/variants.js';
import type { Addressing } from './chrome.js';

/** Items per feed. */
export const FEED_SIZE = 30;

/** Options of one mount of the feed routes. */
export interface FeedRouteOptions {
  readonly reader: ArticleReader;
  readonly config: Config;
  readonly at: Addressing;
}

/**
 * RSS 2.0 for the site and for each section. Atom, JSON Feed, tag feeds and script conversion
 * are the portal issue's; the shape here is the one those will extend.
 */
export async function feedRoutes(app: FastifyInstance, opts: FeedRouteOptions): Promise<void> {
  const { reader, config, at } = opts;
  const base = config.siteUrl + (at.prefixed ? `/${variantPrefix(at.variant)}` : '');
  app.get('/feed.xml', async (_req, reply) => {
    const items = await reader.latest({}, FEED_SIZE);
    return reply.type('application/rss+xml; charset=utf-8').header('Cache-Control', 'public, max-age=300').send(rss(config.siteName, base, `${base}/feed.xml`, at.variant, items));
  });
  app.get('/:section/feed.xml', async (req: FastifyRequest<{ Params: { section: string } }>, reply) => {
    const items = await reader.sectionLatest(req.params.section, FEED_SIZE);
    return reply
      .type('application/rss+xml; charset=utf-8')
      .header('Cache-Control', 'public, max-age=300')
      .send(rss(`${items.section.name} - ${config.siteName}`, `${base}/${items.section.slug}/`, `${base}/${items.section.slug}/feed.xml`, at.variant, items.articles));
  });
}

function rss(title: string, link: string, self: string, lang: string, items: readonly ArticleView[]): string {
  const origin = link.replace(/^(https?:\/\/[^/]+).*$/, '$1');
  const prefix = link.replace(/^https?:\/\/[^/]+/, '').match(/^\/zh-[a-z]+/)?.[0] ?? '';
  const entries = items
    .map((a) => {
      const url = origin + prefix + a.url;
      return `<item><title>${x(a.title)}</title><link>${x(url)}</link><guid isPermaLink="true">${x(url)}</guid>${a.publishedAt ? `<pubDate>${new Date(a.publishedAt).toUTCString()}</pubDate>` : ''}${a.authors.map((p) => `<dc:creator>${x(p.name)}</dc:creator>`).join('')}<category>${x(a.section.name)}</category><description>${x(a.summary)}</description></item>`;
    })
    .join('');
  const updated = items[0]?.publishedAt ? `<lastBuildDate>${new Date(items[0].publishedAt).toUTCString()}</lastBuildDate>` : '';
  return `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>${x(title)}</title><link>${x(link)}</link><description>${x(title)}</description><language>${x(lang)}</language>${updated}<atom:link href="${x(self)}" rel="self" type="application/rss+xml"/>${entries}</channel></rss>`;
}

function x(s: string): string {
  return s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}
