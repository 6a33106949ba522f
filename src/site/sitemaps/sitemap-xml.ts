import { iso, xml } from '../feeds/xml.js';

/** Content-Type of sitemaps. */
export const SITEMAP_TYPE = 'application/xml; charset=utf-8';

/** Google's limit for one sitemap file, also by the sitemaps.org protocol. */
export const MAX_SITEMAP_URLS = 50_000;

/** One alternate language version of a page (`xhtml:link rel="alternate"`). */
export interface Alternate {
  /** A BCP 47 tag (`zh-TW`) or `x-default`. */
  readonly hreflang: string;
  readonly href: string;
}

/** One `<url>` of a sitemap. */
export interface SitemapUrl {
  readonly loc: string;
  readonly lastmod?: string;
  readonly alternates: readonly Alternate[];
}

/** One article of a Google News sitemap. */
export interface NewsUrl {
  readonly loc: string;
  readonly title: string;
  readonly publishedAt: string;
}

/** The publication a news sitemap names. */
export interface NewsPublication {
  readonly name: string;
  /** Google's code: `zh-cn` for Simplified, `zh-tw` for Traditional. */
  readonly language: string;
}

const HEAD = '<?xml version="1.0" encoding="UTF-8"?>';

/** A sitemap index (sitemaps.org 0.9) listing sitemap files by absolute URL. */
export function renderSitemapIndex(locs: readonly string[]): string {
  return [HEAD, '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">', ...locs.map((l) => `<sitemap><loc>${xml(l)}</loc></sitemap>`), '</sitemapindex>', ''].join('\n');
}

/**
 * A sitemap of URLs, each with its language alternates: every variant and `x-default`, the
 * `xhtml:link` form Google reads hreflang from in sitemaps.
 */
export function renderUrlset(urls: readonly SitemapUrl[]): string {
  const body = urls.map((u) =>
    [
      `<url><loc>${xml(u.loc)}</loc>`,
      ...u.alternates.map((a) => `<xhtml:link rel="alternate" hreflang="${xml(a.hreflang)}" href="${xml(a.href)}"/>`),
      u.lastmod ? `<lastmod>${iso(u.lastmod)}</lastmod>` : '',
      '</url>',
    ].join(''),
  );
  return [HEAD, '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">', ...body, '</urlset>', ''].join('\n');
}

/** A Google News sitemap: `news:publication` (name, language), `news:publication_date`, `news:title`. */
export function renderNewsSitemap(publication: NewsPublication, urls: readonly NewsUrl[]): string {
  const pub = `<news:publication><news:name>${xml(publication.name)}</news:name><news:language>${xml(publication.language)}</news:language></news:publication>`;
  const body = urls.map(
    (u) =>
      `<url><loc>${xml(u.loc)}</loc><news:news>${pub}<news:publication_date>${iso(u.publishedAt)}</news:publication_date><news:title>${xml(u.title)}</news:title></news:news></url>`,
  );
  return [HEAD, '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">', ...body, '</urlset>', ''].join('\n');
}

/**
 * robots.txt: keeps crawlers out of the newsroom, the API and search results (under every
 * variant prefix too, since search pages are served there as well) and names the sitemaps.
 */
export function renderRobots(siteUrl: string, prefixes: readonly string[]): string {
  const search = ['/search', ...prefixes.map((p) => `/${p}/search`)];
  return [
    'User-agent: *',
    'Disallow: /admin/',
    'Disallow: /api/',
    ...search.map((s) => `Disallow: ${s}`),
    '',
    `Sitemap: ${siteUrl}/sitemap.xml`,
    `Sitemap: ${siteUrl}/news-sitemap.xml`,
    '',
  ].join('\n');
}
