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
import { VARIANTS, variantPrefix } from '../../zh/variants.js';
import { renderHome, renderListing, renderNotFound, renderSearch } from '../index.js';

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
  readonly tagSlugs: readonly string[];
  readonly authorSlugs: readonly string[];
  readonly months: ReadonlyArray<{ readonly year: number; readonly month: number }>;
}

/** Deps of the listing pass. */
export interface ListingPassDeps {
  readonly pages: SitePages;
  readonly feeds: FeedBuilderDeps;
  readonly sitemaps: SitemapDeps;
  readonly now: string;
  /**
   * Drops the converted articles kept so far (see `ExportDictionary.release`). Feeds carry
   * whole articles, bodies converted: kept for every feed of a mount, they would hold every
   * article's body; released every `FEEDS_PER_RELEASE` feeds, a few hundred at most.
   */
  readonly release?: () => void;
}

/** Feeds built between two releases of the converted articles. */
const FEEDS_PER_RELEASE = 16;

/** How many documents `emitListings` writes for an outline (for the progress total). */
export function listingCount(o: SiteOutline): number {
  const perMount = 3 + o.sections.reduce((n, s) => n + s.pages, 0) + o.tagSlugs.length + o.authorSlugs.length + o.months.length + 3 * (1 + o.sections.length + o.tagSlugs.length);
  return perMount * 5;
}

/**
 * Every document but the articles: home, the search page's empty shell, section pages and
 * their numbered pages, tag, author and month pages (first page: the others are addressed by
 * `?page=`, which a static file cannot tell apart), the 404 page, and the site, section and
 * tag feeds in their three formats, per mount; then sitemaps and robots.txt, unprefixed as the
 * server has them. Each through the same builders and renderers as the server's routes.
 * `feedsAt`: the prefixes to write this mount's feeds under; a feed does not depend on the
 * prefix, only on the variant, so the default variant's are built once for two mounts.
 */
export async function emitListings(d: ListingPassDeps, mount: Mount, o: SiteOutline, emit: Emit, feedsAt: readonly string[] = [mount.prefix]): Promise<void> {
  const { pages, now } = d;
  const at = mount.at;
  const page = (path: string, body: string) => emit(mount.prefix + path, body, true);
  page('/', renderHome(await pages.home(at), { now }));
  page('/search', renderSearch(await pages.search(at, '', 1), { now }));
  page('/404.html', renderNotFound(await pages.notFound(at, 404, ''), { now }));
  for (const s of o.sections) {
    for (let n = 1; n <= s.pages; n++) page(urls.sectionPage(s.node.slug, n), renderListing(await pages.section(at, s.node.slug, n), { now }));
  }
  for (const slug of o.tagSlugs) await gone(async () => page(urls.tag(slug), renderListing(await pages.tag(at, slug, 1), { now })));
  for (const slug of o.authorSlugs) await gone(async () => page(urls.author(slug), renderListing(await pages.author(at, slug, 1), { now })));
  for (const m of o.months) page(urls.archive(m.year, m.month), renderListing(await pages.archive(at, m.year, m.month, 1), { now }));

  if (feedsAt.length === 0) return;
  const feeds = new FeedBuilder(d.feeds);
  let built = 0;
  const feed = async (base: string, scope: FeedScope) => {
    if (built++ % FEEDS_PER_RELEASE === 0) d.release?.();
    const model = await feeds.build(scope, at.variant);
    const [rss, atom, json] = [renderRss(model), renderAtom(model), renderJsonFeed(model)];
    for (const prefix of feedsAt) {
      emit(`${prefix}${base}feed.xml`, rss, false);
      emit(`${prefix}${base}atom.xml`, atom, false);
      emit(`${prefix}${base}feed.json`, json, false);
    }
  };
  await feed('/', { kind: 'site' });
  for (const s of o.sections) await feed(`/${s.node.slug}/`, { kind: 'section', slug: s.node.slug });
  for (const slug of o.tagSlugs) await gone(() => feed(`${urls.tag(slug)}/`, { kind: 'tag', slug }));
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

/** Pages of a section listing: at least one, as the server answers `/{section}/` even when empty. */
export function sectionPages(total: number): number {
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
