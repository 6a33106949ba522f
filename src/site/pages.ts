import { AppError } from '../errors/index.js';
import { descendantIds, pathTo, type SectionIndex } from '../content/section.service.js';
import { urls } from '../content/urls.js';
import type { ArticleModel, HomeModel, ListingModel, NotFoundModel, SearchFilters, SearchModel } from '../render/models.js';
import { searchPath, withoutFilter } from './search-url.js';
import { normalizeQuery } from '../search/query.js';
import { messages } from '../render/messages.js';
import { buildChrome, type Addressing } from './chrome.js';
import type { SiteDeps } from './deps.js';
import { monthOf, monthRange } from './month.js';
import { pagerFor } from './pager.js';

/** Articles per listing page. */
export const PAGE_SIZE = 20;
const HOME_SECTION_SIZE = 5;
/** Items of the home page's 精彩推薦 block. */
const HOME_FEATURED_SIZE = 8;
/** Tags offered by the search page's filter: the most used ones. */
const SEARCH_TAG_OPTIONS = 40;

/** Builds the view model of each public page from services, in the scripts content was written in. */
export class PageModels {
  readonly #d: SiteDeps;
  constructor(deps: SiteDeps) {
    this.#d = deps;
  }

  async home(at: Addressing): Promise<HomeModel> {
    const { reader, config } = this.#d;
    const index = await this.#d.sectionService.index();
    // The newest ids of each block and the tag list are shared between requests until an
    // article changes (see ArticleReader.recentIds); the cards come from the card cache.
    const newest = async (filter: Parameters<typeof reader.recentIds>[0], limit: number) => reader.cards(await reader.recentIds(filter, limit), index);
    const [headlines, slideshow, featured, latest, tags] = await Promise.all([
      newest({ flag: 'is_headline' }, 1),
      newest({ flag: 'is_slideshow' }, 5),
      // 精彩推薦: editors' picks in their order, then hot, then the newest flagged featured
      // (only the last, from a recommender without site-wide picks).
      this.#d.recommender.siteFeatured(HOME_FEATURED_SIZE, index) ?? newest({ flag: 'is_featured' }, HOME_FEATURED_SIZE),
      newest({}, 12),
      this.#d.tagService.list(1, 24),
    ]);
    const headline = headlines[0] ?? latest[0] ?? null;
    const sections = await Promise.all(index.tree.map(async (section) => ({ section, articles: await newest({ sectionIds: descendantIds(section) }, HOME_SECTION_SIZE) })));
    return {
      chrome: buildChrome(config, at, index, { path: '/', title: config.siteName, description: config.siteDescription || `${config.siteName}：即時新聞、國際、財經、科技、體育與生活。` }, this.#d.stylesheet),
      headline,
      slideshow,
      featured,
      latest: latest.filter((a) => a.id !== headline?.id),
      sections: sections.filter((s) => s.articles.length > 0),
      tags: tags.items.filter((t) => t.count > 0),
    };
  }

  async section(at: Addressing, slug: string, page: number): Promise<ListingModel> {
    const { section, index } = await this.#d.sectionService.require(slug);
    const articles = await this.#d.reader.list({ sectionIds: descendantIds(section) }, page, PAGE_SIZE);
    notBeyondLastPage(page, articles.total);
    const chrome = buildChrome(this.#d.config, at, index, { path: urls.sectionPage(slug, page), title: section.name, description: `${section.name}新聞`, currentSection: pathTo(index, section.id)[0]?.slug ?? slug }, this.#d.stylesheet);
    return {
      chrome,
      kind: 'section',
      heading: section.name,
      intro: '',
      breadcrumbs: [{ label: messages.home, url: '/' }, ...pathTo(index, section.id).map((s) => ({ label: s.name, url: s.url }))],
      links: section.children.map((c) => ({ label: c.name, url: c.url })),
      articles,
      pager: pagerFor(page, PAGE_SIZE, articles.total, (n) => urls.sectionPage(slug, n)),
    };
  }

  async tag(at: Addressing, slug: string, page: number): Promise<ListingModel> {
    const tag = await this.#d.tagService.require(slug);
    const [index, articles] = await Promise.all([this.#d.sectionService.index(), this.#d.reader.list({ tagId: tag.id }, page, PAGE_SIZE)]);
    notBeyondLastPage(page, articles.total);
    const path = urls.tagPage(slug, page);
    const chrome = buildChrome(this.#d.config, at, index, { path, title: tag.name, description: `標簽「${tag.name}」的新聞` }, this.#d.stylesheet);
    return {
      chrome,
      kind: 'tag',
      heading: tag.name,
      intro: '',
      breadcrumbs: [{ label: messages.home, url: '/' }, { label: tag.name, url: tag.url }],
      links: [],
      articles,
      pager: pagerFor(page, PAGE_SIZE, articles.total, (n) => urls.tagPage(slug, n)),
      tag,
    };
  }

  async author(at: Addressing, slug: string, page: number): Promise<ListingModel> {
    const author = await this.#d.authorService.require(slug);
    const [index, articles] = await Promise.all([this.#d.sectionService.index(), this.#d.reader.list({ authorId: author.id }, page, PAGE_SIZE)]);
    notBeyondLastPage(page, articles.total);
    const path = urls.authorPage(slug, page);
    const chrome = buildChrome(this.#d.config, at, index, { path, title: author.name, description: author.bio || `${author.name}的報道` }, this.#d.stylesheet);
    return {
      chrome,
      kind: 'author',
      heading: author.name,
      intro: author.bio,
      breadcrumbs: [{ label: messages.home, url: '/' }, { label: author.name, url: author.url }],
      links: [],
      articles,
      pager: pagerFor(page, PAGE_SIZE, articles.total, (n) => urls.authorPage(slug, n)),
      author,
    };
  }

  async archive(at: Addressing, year: number, month: number, page: number): Promise<ListingModel> {
    const tz = this.#d.config.timezone;
    const { from, to } = monthRange(year, month, tz);
    const [index, articles, older, newer] = await Promise.all([
      this.#d.sectionService.index(),
      this.#d.reader.list({ from, to }, page, PAGE_SIZE),
      this.#d.reader.latest({ to: from }, 1),
      this.#d.reader.earliest({ from: to }),
    ]);
    notBeyondLastPage(page, articles.total);
    const label = `${year}年${month}月`;
    const path = urls.archivePage(year, month, page);
    const chrome = buildChrome(this.#d.config, at, index, { path, title: `${label}新聞`, description: `${label}的新聞存檔` }, this.#d.stylesheet);
    const monthLink = (iso: string | null | undefined, rel: string) => {
      if (!iso) return [];
      const m = monthOf(iso, tz);
      return [{ label: `${rel} ${m.year}年${m.month}月`, url: urls.archive(m.year, m.month) }];
    };
    return {
      chrome,
      kind: 'archive',
      heading: `${label}新聞存檔`,
      intro: '',
      breadcrumbs: [{ label: messages.home, url: '/' }, { label, url: urls.archive(year, month) }],
      links: [...monthLink(older[0]?.publishedAt, '←'), ...monthLink(newer?.publishedAt, '→')],
      articles,
      pager: pagerFor(page, PAGE_SIZE, articles.total, (n) => urls.archivePage(year, month, n)),
    };
  }

  async article(at: Addressing, id: number): Promise<ArticleModel> {
    // One section index for the whole page: the article, its blocks' cards and the chrome.
    const index = await this.#d.sectionService.index();
    const article = await this.#d.reader.published(id, index);
    const blocks = await this.#d.recommender.blocks(article, index);
    const chrome = buildChrome(this.#d.config, at, index, { path: article.url, title: article.title, description: article.summary, currentSection: pathTo(index, article.section.id)[0]?.slug ?? article.section.slug }, this.#d.stylesheet);
    return {
      chrome,
      article,
      breadcrumbs: [{ label: messages.home, url: '/' }, ...pathTo(index, article.section.id).map((s) => ({ label: s.name, url: s.url })), { label: messages.body, url: '' }],
      related: blocks.related,
      featured: blocks.featured,
      relatedWords: blocks.relatedWords,
      recommended: blocks.recommended,
    };
  }

  /**
   * The search page: results in the page's variant with snippets. `filters` (section, tag,
   * author, from, to, sort) narrow and order them; bad values are field errors (400).
   */
  async search(at: Addressing, rawQuery: string, page: number, filters: SearchFilters = {}): Promise<SearchModel> {
    const query = normalizeQuery(rawQuery);
    const { sort, ...narrowing } = filters;
    const [index, found, tags, labels] = await Promise.all([
      this.#d.sectionService.index(),
      this.#d.search.search({ ...narrowing, ...(sort ? { sort } : {}), q: query, page, limit: PAGE_SIZE, variant: at.variant }),
      this.#d.tagService.list(1, SEARCH_TAG_OPTIONS),
      this.#filterLabels(filters),
    ]);
    const results = { items: found.items.map((h) => h.article), page: found.page, limit: found.limit, total: found.total };
    const pathOf = (n: number) => (query || Object.keys(filters).length ? searchPath(query, filters, n) : '/search');
    const chrome = buildChrome(this.#d.config, at, index, { path: pathOf(page), title: query ? `搜尋：${query}` : '搜尋', description: '搜尋本站新聞', query }, this.#d.stylesheet);
    const sections: Array<{ slug: string; name: string; depth: number }> = [];
    const walk = (nodes: typeof index.tree, depth: number) => {
      for (const n of nodes) {
        sections.push({ slug: n.slug, name: n.name, depth });
        walk(n.children, depth + 1);
      }
    };
    walk(index.tree, 0);
    const tagOptions = tags.items.filter((t) => t.count > 0).map((t) => ({ slug: t.slug, name: t.name }));
    // A filter asked for by URL stays selectable even when it is not among the most used.
    if (filters.tag && !tagOptions.some((t) => t.slug === filters.tag)) tagOptions.unshift({ slug: filters.tag, name: labels.tag ?? filters.tag });
    return {
      chrome,
      query,
      results,
      pager: pagerFor(page, PAGE_SIZE, results.total, pathOf),
      hits: found.items.map((h) => ({ id: h.id, snippet: h.snippet, score: h.score })),
      ...(found.notice ? { notice: found.notice } : {}),
      ...(found.relaxed ? { relaxed: true } : {}),
      filters,
      filterOptions: { sections, tags: tagOptions },
      activeFilters: activeFilters(filters, labels, index, (f) => searchPath(query, f)),
    };
  }

  /** Display names of the tag and author a search is filtered by (slugs were checked by the search). */
  async #filterLabels(filters: SearchFilters): Promise<{ tag?: string; author?: string }> {
    const [tag, author] = await Promise.all([
      filters.tag ? this.#d.tagService.require(filters.tag).then((t) => t.name, () => undefined) : undefined,
      filters.author ? this.#d.authorService.require(filters.author).then((a) => a.name, () => undefined) : undefined,
    ]);
    return { ...(tag ? { tag } : {}), ...(author ? { author } : {}) };
  }

  async notFound(at: Addressing, status: 404 | 400 | 410, message: string): Promise<NotFoundModel> {
    const [index, latest] = await Promise.all([this.#d.sectionService.index(), this.#d.reader.latest({}, 8)]);
    const chrome = buildChrome(this.#d.config, at, index, { path: '/', title: status === 404 ? messages.notFoundTitle : status === 410 ? messages.goneTitle : messages.badRequestTitle, description: message }, this.#d.stylesheet);
    return { chrome, status, message, latest };
  }
}

/** The filters in force, labelled for the reader, each with the URL that drops it. */
function activeFilters(
  filters: SearchFilters,
  labels: { tag?: string; author?: string },
  index: SectionIndex,
  pathOf: (f: SearchFilters) => string,
): NonNullable<SearchModel['activeFilters']> {
  const out: Array<NonNullable<SearchModel['activeFilters']>[number]> = [];
  const add = (key: keyof SearchFilters, label: string) => out.push({ key, label, clearUrl: pathOf(withoutFilter(filters, key)) });
  if (filters.section) add('section', `${messages.filterSection}：${index.bySlug.get(filters.section)?.name ?? filters.section}`);
  if (filters.tag) add('tag', `${messages.filterTag}：${labels.tag ?? filters.tag}`);
  if (filters.author) add('author', `${messages.filterAuthor}：${labels.author ?? filters.author}`);
  if (filters.from) add('from', `${messages.filterFrom}：${filters.from}`);
  if (filters.to) add('to', `${messages.filterTo}：${filters.to}`);
  return out;
}

function notBeyondLastPage(page: number, total: number): void {
  if (page > 1 && (page - 1) * PAGE_SIZE >= total) throw new AppError('JD_ERR_HTTP_NOT_FOUND', { path: `page ${page}` });
}
