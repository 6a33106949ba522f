import type { Config } from '../../config/index.js';
import type { SectionNode } from '../../content/section.service.js';
import { urls } from '../../content/urls.js';
import { isAppError } from '../../errors/index.js';
import type { Addressing } from '../../site/chrome.js';
import { renderAtom } from '../../site/feeds/atom.js';
import { FeedBuilder, type FeedBuilderDeps, type FeedScope } from '../../site/feeds/feed-model.js';
import { renderJsonFeed } from '../../site/feeds/json-feed.js';
import { renderRss } from '../../site/feeds/rss.js';
import { PAGE_SIZE } from '../../site/pages.js';
import type { SitePages } from '../../site/site-pages.js';
import { SITEMAP_PAGE_SIZE } from '../../site/sitemaps/routes.js';
import { SitemapBuilder, type SitemapDeps } from '../../site/sitemaps/sitemap-data.js';
import { renderNewsSitemap, renderRobots, renderSitemapIndex, renderUrlset } from '../../site/sitemaps/sitemap-xml.js';
import { VARIANTS, variantPrefix, type Variant } from '../../zh/variants.js';
import { renderHome, renderListing, renderNotFound, renderSearch } from '../index.js';
import type { ListingModel } from '../models.js';

/** Receives one exported document: its URL path and its bytes. `page` marks an HTML page. */
export type Emit = (url: string, body: string, page: boolean) => void;

/** One mount of the site: unprefixed (the default variant) or under a variant prefix. */
export interface Mount {
  readonly prefix: string;
  readonly at: Addressing;
}

/** The five mounts the server has: unprefixed, then each variant's prefix. */
export function mountsOf(config: Pick<Config, 'defaultVariant'>): Mount[] {
  return [{ prefix: '', at: { variant: config.defaultVariant, prefixed: false } }, ...VARIANTS.map((v) => ({ prefix: `/${variantPrefix(v)}`, at: { variant: v, prefixed: true } }))];
}

/** What the listing pass reads, collected before it runs. */
export interface SiteOutline {
  readonly sections: ReadonlyArray<{ readonly node: SectionNode; readonly pages: number }>;
  /** Tags and authors with their number of listing pages (an estimate for the progress bar: the pass follows each page 1's pager). */
  readonly tags: ReadonlyArray<{ readonly slug: string; readonly pages: number }>;
  readonly authors: ReadonlyArray<{ readonly slug: string; readonly pages: number }>;
  readonly months: ReadonlyArray<{ readonly year: number; readonly month: number; readonly pages: number }>;
}

/** Deps of the listing pass. */
export interface ListingPassDeps {
  /** Page models whose reader answers listings from id lists (see `listingReader`). */
  readonly pages: SitePages;
  readonly feeds: FeedBuilderDeps;
  readonly sitemaps: SitemapDeps;
  readonly now: string;
  /**
   * Drops the converted cards kept so far (see `ExportDictionary.release`), with the markup
   * rendered from them (`memoHtml` keeps it per card object): called every
   * `PAGES_PER_RELEASE` listing pages, it bounds what they keep to those pages' cards.
   */
  readonly release?: () => void;
}

/** Listing pages (each in every mount) between two releases of the converted cards. */
const PAGES_PER_RELEASE = 40;

/** How many documents `emitListings` and `emitFeeds` write for an outline (for the progress total). */
export function listingCount(o: SiteOutline): number {
  const pagesOf = (list: ReadonlyArray<{ readonly pages: number }>) => list.reduce((n, x) => n + x.pages, 0);
  const perMount = 3 + pagesOf(o.sections) + pagesOf(o.tags) + pagesOf(o.authors) + pagesOf(o.months) + 3 * (1 + o.sections.length + o.tags.length);
  return perMount * 5;
}

/**
 * Every page but the articles and the search page, in every mount: home, the 404 page, and the
 * section, tag, author and month listings with all their numbered pages. Each through the
 * same page models and renderers as the server's routes. A page is written in all mounts
 * before the next is read, so its cards are read once for five (the card cache holds fewer
 * than a large site has) and converted once per variant.
 */
export async function emitListings(d: ListingPassDeps, mounts: readonly Mount[], o: SiteOutline, emit: Emit): Promise<void> {
  const { pages, now } = d;
  let done = 0;
  const each = async (path: string, render: (at: Addressing) => Promise<string>) => {
    if (done++ % PAGES_PER_RELEASE === 0) d.release?.();
    for (const m of mounts) emit(m.prefix + path, await render(m.at), true);
  };
  await each('/', async (at) => renderHome(await pages.home(at), { now }));
  await each('/404.html', async (at) => renderNotFound(await pages.notFound(at, 404, ''), { now }));
  for (const s of o.sections) {
    for (let n = 1; n <= s.pages; n++) await each(urls.sectionPage(s.node.slug, n), async (at) => renderListing(await pages.section(at, s.node.slug, n), { now }));
  }
  // Later pages are paths (`/tag/{slug}/page/2`): as many as page 1's pager says there are.
  const paged = async (pathOf: (n: number) => string, model: (at: Addressing, n: number) => Promise<ListingModel>) => {
    let last = 1;
    for (let n = 1; n <= last; n++) {
      await each(pathOf(n), async (at) => {
        const m = await model(at, n);
        last = m.pager.pages;
        return renderListing(m, { now });
      });
    }
  };
  for (const { slug } of o.tags) await gone(() => paged((n) => urls.tagPage(slug, n), (at, n) => pages.tag(at, slug, n)));
  for (const { slug } of o.authors) await gone(() => paged((n) => urls.authorPage(slug, n), (at, n) => pages.author(at, slug, n)));
  for (const m of o.months) await paged((n) => urls.archivePage(m.year, m.month, n), (at, n) => pages.archive(at, m.year, m.month, n));
}

/**
 * The site, section and tag feeds of one variant in their three formats, written under each of
 * `prefixes` (a feed depends on the variant, not on the prefix: the default variant's are
 * built once for two mounts). Feeds carry whole converted articles, and an article is in
 * several (the site's, its sections', its tags'): the caller gives each variant a fresh
 * localizer, which keeps each converted once for the variant within its own bound.
 */
export async function emitFeeds(d: ListingPassDeps, variant: Variant, prefixes: readonly string[], o: SiteOutline, emit: Emit): Promise<void> {
  const feeds = new FeedBuilder(d.feeds);
  const feed = async (base: string, scope: FeedScope) => {
    const model = await feeds.build(scope, variant);
    const [rss, atom, json] = [renderRss(model), renderAtom(model), renderJsonFeed(model)];
    for (const prefix of prefixes) {
      emit(`${prefix}${base}feed.xml`, rss, false);
      emit(`${prefix}${base}atom.xml`, atom, false);
      emit(`${prefix}${base}feed.json`, json, false);
    }
  };
  await feed('/', { kind: 'site' });
  for (const s of o.sections) await feed(`/${s.node.slug}/`, { kind: 'section', slug: s.node.slug });
  for (const { slug } of o.tags) await gone(() => feed(`${urls.tag(slug)}/`, { kind: 'tag', slug }));
}

/**
 * The search page's empty shell, in every mount. Written last: its model asks the search
 * service, which loads the segmenter's dictionary (some 35 MB outside the heap, kept until
 * the process ends) even for an empty query, so the rest of the build runs without it.
 */
export async function emitSearchPages(d: ListingPassDeps, mounts: readonly Mount[], emit: Emit): Promise<void> {
  for (const m of mounts) emit(`${m.prefix}/search`, renderSearch(await d.pages.search(m.at, '', 1), { now: d.now }), true);
}

/** Sitemaps and robots.txt: the server has them unprefixed only. */
export async function emitSitemaps(d: ListingPassDeps, emit: Emit): Promise<void> {
  const builder = new SitemapBuilder(d.sitemaps);
  const site = d.sitemaps.config.siteUrl;
  const n = await builder.articlePages(SITEMAP_PAGE_SIZE);
  emit('/sitemap.xml', renderSitemapIndex([`${site}/sitemaps/pages.xml`, ...Array.from({ length: n }, (_, i) => `${site}/sitemaps/articles-${i + 1}.xml`)]), false);
  emit('/sitemaps/pages.xml', renderUrlset(await builder.pages()), false);
  for (let i = 1; i <= n; i++) emit(`/sitemaps/articles-${i}.xml`, renderUrlset(await builder.articles(i, SITEMAP_PAGE_SIZE)), false);
  const news = await builder.news(new Date(d.now));
  emit('/news-sitemap.xml', renderNewsSitemap(news.publication, news.urls), false);
  emit('/robots.txt', renderRobots(site, VARIANTS.map(variantPrefix)), false);
}

/** Pages of a listing of `total` articles: at least one, as the server answers a listing's first page even when empty. */
export function listingPageCount(total: number): number {
  return Math.max(1, Math.ceil(total / PAGE_SIZE));
}

/** The section and everything below it (what its listing shows). */
export function subtreeIds(node: SectionNode): number[] {
  return [node.id, ...node.children.flatMap(subtreeIds)];
}

// A tag or author removed while the export runs has no page: skip it rather than fail the build.
async function gone(work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (err) {
    if (isAppError(err, 'JD_ERR_CONTENT_TAG_NOT_FOUND') || isAppError(err, 'JD_ERR_CONTENT_AUTHOR_NOT_FOUND')) return;
    throw err;
  }
}
