import type { FastifyReply, FastifyRequest } from 'fastify';
import { parseArticleFile } from '../../content/urls.js';
import type { ArticleView } from '../../content/views.js';
import type { ArticleModel, HomeModel, ListingModel, NotFoundModel } from '../models.js';
import type { FallbackLog } from './fallback-log.js';

/**
 * Dependency tags: what a cached page shows, named so that a change can name the pages it
 * affects. A page carries `article:<id>` for the article it is (or a feed item it carries
 * whole), `card:<id>` for every article it shows as a card (lists, the blocks under an
 * article) and the listing it is (`section:<slug>`,
 * `tag:<slug>`, `author:<slug>`, `archive:<yyyy-mm>`, `home`, `feed`, `sitemap`). Slugs, not
 * ids, name sections, tags and authors: they are what both the pages and the revisions
 * (the planner's record of an article's previous state) carry.
 */
export const tag = {
  /** The article's own pages, feeds carrying it whole: anything in it may show. */
  article: (id: number) => `article:${id}`,
  /** Pages showing the article as a card or list item: title, summary, cover, section, time. */
  card: (id: number) => `card:${id}`,
  /** An article's own page: its blocks (related lists) may change without it changing. */
  blocks: (id: number) => `blocks:${id}`,
  section: (slug: string) => `section:${slug}`,
  /** Articles directly in a section (not its sub-sections): what a related-reading fallback fills from. */
  sectionOwn: (slug: string) => `section-own:${slug}`,
  tag: (slug: string) => `tag:${slug}`,
  /** Pages naming a tag outside its own pages and its articles: the home page's popular tags, 相關詞 linking to it. */
  tagName: (slug: string) => `tag-name:${slug}`,
  author: (slug: string) => `author:${slug}`,
  archive: (year: number, month: number) => `archive:${year}-${String(month).padStart(2, '0')}`,
  /** Pages showing the 精彩推薦 block (home, articles): editors' picks change it. */
  featuredBlock: 'block:featured',
  home: 'home',
  feed: 'feed',
  sitemap: 'sitemap',
  /** The sitemap index: how many article sitemaps there are. */
  sitemapIndex: 'sitemap:index',
  /** The news sitemap: the last two days' articles. */
  sitemapNews: 'sitemap:news',
  robots: 'robots',
  notFound: 'notfound',
  /** Pages whose blocks fell back to "newest articles" lists: any publish may change them. */
  latest: 'latest',
  /** Archive pages with no older or newer month to link to: a new first or last month changes them. */
  archiveEdge: 'archive-edge',
} as const;

/** What a route declares about the response it sends: its tags and the query keys it reads. */
export interface CachePolicy {
  /** Computed only when the response is stored, so an uncached site pays nothing. */
  readonly tags: () => readonly string[];
  /** Query parameters the page reads; a request with any other is rendered, never stored. */
  readonly query: readonly string[];
}

const policies = new WeakMap<FastifyReply, CachePolicy>();

/** Declares a response cacheable (see `CachePolicy`). */
export function cacheable(reply: FastifyReply, tags: () => Iterable<string>, query: readonly string[] = []): void {
  policies.set(reply, { tags: () => [...new Set(tags())], query });
}

/** The policy a route declared for this reply, if any. */
export function policyOf(reply: FastifyReply): CachePolicy | undefined {
  return policies.get(reply);
}

/** Months gaps are spelled out up to; beyond, the page is tagged as an edge. */
const MAX_GAP_MONTHS = 240;

/**
 * Derives each public page's tags from its finished view model, so the page builders need not
 * know about caching. The route calls the method for the page it sends.
 */
export class PageTagger {
  readonly #fallbacks: FallbackLog | undefined;
  readonly #notFound = new WeakMap<FastifyRequest, readonly string[]>();
  constructor(deps: { fallbacks?: FallbackLog } = {}) {
    this.#fallbacks = deps.fallbacks;
  }

  home(reply: FastifyReply, m: HomeModel): void {
    cacheable(reply, () => [tag.home, tag.featuredBlock, ...m.tags.map((t) => tag.tagName(t.slug)), ...ids(m.headline ? [m.headline] : []), ...ids(m.slideshow), ...ids(m.featured), ...ids(m.latest), ...m.sections.flatMap((s) => ids(s.articles))]);
  }

  article(reply: FastifyReply, m: ArticleModel): void {
    cacheable(reply, () => {
      const a = m.article;
      const out = [tag.article(a.id), tag.blocks(a.id), tag.featuredBlock, ...ids(m.related), ...ids(m.featured), ...ids(m.recommended), ...wordTags(m.relatedWords)];
      // Blocks that fell back to simple lists depend on what those lists read (without a record, assume they did).
      const used = this.#fallbacks?.usedSince(a.id, reply.request) ?? { latest: true, similar: true };
      if (used.latest) out.push(tag.latest);
      // Related reading's fallback: articles sharing its tags, then its own section's newest.
      if (used.similar) out.push(tag.sectionOwn(a.section.slug), ...a.tags.map((t) => tag.tag(t.slug)));
      return out;
    });
  }

  /** A listing page; `self` is its own tag (`tag.section(slug)` …). */
  listing(reply: FastifyReply, m: ListingModel, self: string): void {
    cacheable(reply, () => [self, ...ids(m.articles.items), ...(m.kind === 'archive' ? archiveNeighbours(self, m) : [])], ['page']);
  }

  /**
   * A feed or the news sitemap; `self` is `tag.feed` for the site feed, else the section's or
   * tag's tag. Feed items carry whole articles; `cards` says the items show only what a card does.
   */
  feed(reply: FastifyReply, self: string, itemUrls: readonly string[], cards = false): void {
    cacheable(reply, () => [self, ...itemUrls.flatMap((u) => {
      const id = articleIdOfUrl(u);
      return id === undefined ? [] : [cards ? tag.card(id) : tag.article(id)];
    })]);
  }

  /** The error page of a public path: it lists the newest articles. */
  notFound(req: FastifyRequest, m: NotFoundModel): void {
    this.#notFound.set(req, ids(m.latest));
  }

  /** Tags of the not-found page rendered for `req`: `notfound` and the articles it lists. */
  notFoundTags(req: FastifyRequest): readonly string[] {
    return [tag.notFound, ...(this.#notFound.get(req) ?? [])];
  }

  /** A sitemap or robots.txt. */
  document(reply: FastifyReply, self: string): void {
    cacheable(reply, () => [self]);
  }
}

/** 相關詞 linking to a tag page show that tag's name: a rename, merge or deletion changes them. */
function wordTags(words: ReadonlyArray<{ readonly url: string }>): string[] {
  return words.flatMap((w) => {
    const slug = /^\/tag\/([^/?#]+)$/.exec(w.url)?.[1];
    if (slug === undefined) return [];
    try {
      return [tag.tagName(decodeURIComponent(slug))];
    } catch {
      // Not a URL the site built (those are always well encoded): no tag of ours.
      return [];
    }
  });
}

function ids(articles: readonly ArticleView[]): string[] {
  return articles.map((a) => tag.card(a.id));
}

/** The id in an article URL (absolute or not), if it is one. */
function articleIdOfUrl(url: string): number | undefined {
  const file = url.slice(url.lastIndexOf('/') + 1);
  return parseArticleFile(file)?.id;
}

/**
 * An archive page links to the nearest older and newer months with articles. A publish in any
 * month between them, or the last article leaving one of them, changes those links: the page
 * carries every month of both gaps, the neighbours included.
 */
function archiveNeighbours(self: string, m: ListingModel): string[] {
  const own = /^archive:(\d{4})-(\d{2})$/.exec(self);
  if (!own) return [];
  const index = (y: number, mo: number) => y * 12 + (mo - 1);
  const me = index(Number(own[1]), Number(own[2]));
  const linked = m.links.map((l) => /\/archive\/(\d{4})\/(\d{1,2})\/?$/.exec(l.url)).filter((x): x is RegExpExecArray => x !== null).map((x) => index(Number(x[1]), Number(x[2])));
  const older = linked.filter((i) => i < me).sort((a, b) => b - a)[0];
  const newer = linked.filter((i) => i > me).sort((a, b) => a - b)[0];
  const out: string[] = [];
  const span = (from: number, to: number) => {
    for (let i = from; i <= to; i++) out.push(tag.archive(Math.floor(i / 12), (i % 12) + 1));
  };
  if (older === undefined || me - older > MAX_GAP_MONTHS) out.push(tag.archiveEdge);
  else span(older, me - 1);
  if (newer === undefined || newer - me > MAX_GAP_MONTHS) out.push(tag.archiveEdge);
  else span(me + 1, newer);
  return out;
}
