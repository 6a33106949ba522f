import Fastify, { type FastifyInstance } from 'fastify';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDemoSite, type DemoSite } from '../../http/demo-site.testkit.js';
import type { Container } from '../../container.js';
import { installErrorHandling } from '../../http/errors.js';
import { assertWellFormed } from '../feeds/feeds.testkit.js';
import { NEWS_WINDOW_MS } from './sitemap-data.js';
import { sitemapRoutes, type SitemapRouteOptions } from './routes.js';

// Sitemaps over the demo newsroom, parsed as XML the way crawlers parse them.
let demo: DemoSite;
let c: Container;
let app: FastifyInstance;
let site: string;

beforeAll(async () => {
  demo = await openDemoSite({ 'site-url': 'https://news.example.com' });
  ({ c, app } = demo);
  site = c.config.siteUrl;
});
afterAll(async () => demo?.close());

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (n) => ['url', 'sitemap', 'xhtml:link'].includes(n) });
/** Checks well-formedness, then parses. */
const parse = (xml: string): any => {
  assertWellFormed(xml);
  return parser.parse(xml);
};
const allArticles = async (variant = 'zh-Hant') => {
  const out: Array<Record<string, any>> = [];
  for (let page = 1; ; page++) {
    const body = JSON.parse((await app.inject({ url: `/api/v1/articles?limit=100&page=${page}&variant=${variant}` })).body);
    out.push(...body.articles);
    if (out.length >= body.meta.total) return out;
  }
};
/** A bare app with only the sitemap routes, for options the full server does not expose. */
const sitemapApp = async (options: Partial<SitemapRouteOptions>) => {
  const bare = Fastify();
  installErrorHandling(bare, async () => 'not found');
  await bare.register(sitemapRoutes, { ...c.site, dictionary: c.dictionary, config: c.config, ...options });
  return bare;
};

describe('sitemap index and paged sitemaps', () => {
  it('splits all articles over pages of the given size, each article once, canonical and unprefixed', async () => {
    const bare = await sitemapApp({ pageSize: 4 });
    const articles = await allArticles();
    const pages = Math.ceil(articles.length / 4);
    const index = await bare.inject({ url: '/sitemap.xml' });
    expect(index.statusCode).toBe(200);
    expect(index.headers['content-type']).toBe('application/xml; charset=utf-8');
    const locs: string[] = parse(index.body).sitemapindex.sitemap.map((s: any) => s.loc);
    expect(locs).toEqual([`${site}/sitemaps/pages.xml`, ...Array.from({ length: pages }, (_, i) => `${site}/sitemaps/articles-${i + 1}.xml`)]);
    const seen: string[] = [];
    for (let n = 1; n <= pages; n++) {
      const urls = parse((await bare.inject({ url: `/sitemaps/articles-${n}.xml` })).body).urlset.url;
      expect(urls.length).toBeLessThanOrEqual(4);
      seen.push(...urls.map((u: any) => u.loc));
    }
    expect(seen.length).toBe(articles.length);
    expect([...seen].sort()).toEqual(articles.map((a) => `${site}${a.url}`).sort());
    expect((await bare.inject({ url: `/sitemaps/articles-${pages + 1}.xml` })).statusCode).toBe(404);
    expect((await bare.inject({ url: '/sitemaps/articles-0.xml' })).statusCode).toBe(404);
    expect((await bare.inject({ url: '/sitemaps/other.xml' })).statusCode).toBe(404);
    await bare.close();
  });

  it('gives every article URL its hreflang alternates, x-default and a lastmod', async () => {
    const res = await app.inject({ url: '/sitemaps/articles-1.xml' });
    const doc = parse(res.body).urlset;
    expect(doc.xmlns).toBe('http://www.sitemaps.org/schemas/sitemap/0.9');
    expect(doc['xmlns:xhtml']).toBe('http://www.w3.org/1999/xhtml');
    const byUrl = new Map((await allArticles()).map((a) => [`${site}${a.url}`, a]));
    for (const u of doc.url) {
      const a = byUrl.get(u.loc)!;
      expect(a, u.loc).toBeDefined();
      const path = u.loc.slice(site.length);
      const alt = Object.fromEntries(u['xhtml:link'].map((l: any) => [l.hreflang, l.href]));
      expect(u['xhtml:link'].every((l: any) => l.rel === 'alternate')).toBe(true);
      expect(alt).toEqual({
        'zh-Hans': `${site}/zh-hans${path}`,
        'zh-Hant': u.loc,
        'zh-TW': `${site}/zh-tw${path}`,
        'zh-HK': `${site}/zh-hk${path}`,
        'x-default': u.loc,
      });
      expect(new Date(u.lastmod).toISOString()).toBe(u.lastmod);
      expect(Date.parse(u.lastmod)).toBe(Date.parse(a.updatedAt));
    }
  });

  it('lists home, sections and tags in pages.xml with alternates', async () => {
    const urls = parse((await app.inject({ url: '/sitemaps/pages.xml' })).body).urlset.url;
    const locs = urls.map((u: any) => u.loc);
    expect(locs[0]).toBe(`${site}/`);
    for (const s of ['world', 'asia-pacific', 'tech', 'markets']) expect(locs).toContain(`${site}/${s}/`);
    expect(locs).toContain(`${site}/tag/ai`);
    expect(urls.every((u: any) => u['xhtml:link'].length === 5)).toBe(true);
  });

  it('serves sitemaps only unprefixed', async () => {
    for (const url of ['/zh-tw/sitemap.xml', '/zh-hans/news-sitemap.xml', '/zh-hk/sitemaps/articles-1.xml', '/zh-hant/robots.txt']) {
      expect((await app.inject({ url })).statusCode, url).toBe(404);
    }
  });

  it('caches with an ETag and answers 304', async () => {
    const first = await app.inject({ url: '/sitemap.xml' });
    expect(first.headers['cache-control']).toMatch(/^public, max-age=\d+$/);
    expect((await app.inject({ url: '/sitemap.xml', headers: { 'if-none-match': String(first.headers.etag) } })).statusCode).toBe(304);
  });
});

describe('news sitemap', () => {
  it('lists exactly the articles of the last 48 hours, titled in the default variant', async () => {
    const res = await app.inject({ url: '/news-sitemap.xml' });
    expect(res.statusCode).toBe(200);
    const doc = parse(res.body).urlset;
    expect(doc['xmlns:news']).toBe('http://www.google.com/schemas/sitemap-news/0.9');
    const listed = new Map<string, any>(doc.url.map((u: any) => [u.loc, u['news:news']]));
    const now = Date.now();
    let recent = 0;
    for (const a of await allArticles()) {
      const age = now - Date.parse(a.publishedAt);
      const entry = listed.get(`${site}${a.url}`);
      // Demo dates are relative to loading; a minute's margin keeps the edge out of the test.
      if (age > NEWS_WINDOW_MS + 60_000) expect(entry, `${a.url} is ${age / 3_600_000} h old`).toBeUndefined();
      if (age < NEWS_WINDOW_MS - 60_000) {
        recent++;
        expect(entry, a.url).toBeDefined();
        expect(entry['news:title']).toBe(a.title);
        expect(entry['news:publication']).toEqual({ 'news:name': '焦點新聞', 'news:language': 'zh-tw' });
        expect(Date.parse(entry['news:publication_date'])).toBe(Date.parse(a.publishedAt));
      }
    }
    expect(recent).toBeGreaterThan(5);
    expect(listed.size).toBeLessThan((await allArticles()).length);
  });

  it('follows its clock and the default variant: Simplified titles and zh-cn for a zh-Hans site', async () => {
    const later = await sitemapApp({ now: () => new Date(Date.now() + 30 * 86_400_000) });
    expect(parse((await later.inject({ url: '/news-sitemap.xml' })).body).urlset.url).toBeUndefined();
    await later.close();
    const hans = await sitemapApp({ config: { ...c.config, defaultVariant: 'zh-Hans' } });
    const doc = parse((await hans.inject({ url: '/news-sitemap.xml' })).body).urlset;
    const simplified = new Map((await allArticles('zh-Hans')).map((a) => [`${site}${a.url}`, a.title]));
    for (const u of doc.url) {
      expect(u['news:news']['news:publication']).toEqual({ 'news:name': '焦点新闻', 'news:language': 'zh-cn' });
      expect(u['news:news']['news:title']).toBe(simplified.get(u.loc));
    }
    const articles = parse((await hans.inject({ url: '/sitemaps/articles-1.xml' })).body).urlset.url;
    const alt = Object.fromEntries(articles[0]['xhtml:link'].map((l: any) => [l.hreflang, l.href]));
    expect(alt['zh-Hant']).toBe(articles[0].loc.replace(site, `${site}/zh-hant`));
    expect(alt['x-default']).toBe(articles[0].loc);
    await hans.close();
  });
});

describe('robots.txt', () => {
  it('names both sitemaps and keeps crawlers out of the newsroom, API and search', async () => {
    const res = await app.inject({ url: '/robots.txt' });
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    const lines = res.body.split('\n');
    for (const line of ['User-agent: *', 'Disallow: /admin/', 'Disallow: /api/', 'Disallow: /search', 'Disallow: /zh-tw/search', `Sitemap: ${site}/sitemap.xml`, `Sitemap: ${site}/news-sitemap.xml`]) {
      expect(lines).toContain(line);
    }
  });
});
