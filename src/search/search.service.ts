import type { ArticleStatus } from '../content/article.fields.js';
import type { ArticleReader } from '../content/article.reader.js';
import type { AuthorService } from '../content/author.service.js';
import type { SectionService } from '../content/section.service.js';
import type { TagService } from '../content/tag.service.js';
import type { ArticleView, Paged } from '../content/views.js';
import type { DictionaryService } from '../dictionary/dictionary.service.js';
import type { Variant } from '../zh/variants.js';
import type { BackendFilter, SearchBackend } from './backend.js';
import { EMPTY_QUERY, parseQuery, relaxQuery, type ParsedQuery } from './query.js';
import { byScore, rankedPage, type RankedPage } from './ranking.js';
import { parseSearchInput, resolveFilter, type SearchInput, type SearchRequest } from './search.input.js';
import type { SearchRepo } from './search.repo.js';
import { plainText, SnippetMaker } from './snippet.js';
import { Suggester, type Suggestion } from './suggest.js';
import type { TextEngine } from './text-engine.js';

// The types callers of the service need, from one module.
export type { SearchInput } from './search.input.js';
export type { Suggestion } from './suggest.js';

/** One result. Text fields are in the requested variant; `article` is as stored. */
export interface SearchHit {
  readonly id: number;
  /** Unprefixed public path. */
  readonly url: string;
  readonly title: string;
  /** HTML: an excerpt around the first match, matches in `<mark>`, everything else escaped. */
  readonly snippet: string;
  /** Relevance blended with recency; higher is better. Comparable within one result list only. */
  readonly score: number;
  readonly publishedAt: string | null;
  readonly section: { readonly id: number; readonly slug: string; readonly name: string; readonly url: string };
  readonly status: ArticleStatus;
  readonly article: ArticleView;
}

/**
 * Why a search returned nothing without searching: an empty query, a query with no word to
 * search for (only punctuation or stop words), or one that only excludes.
 */
export type SearchNotice = 'empty-query' | 'no-words' | 'only-exclusions';

/** A page of results. */
export interface SearchResults extends Paged<SearchHit> {
  /** The query as searched (cleaned and cut to length). */
  readonly query: string;
  /** True when there are more than `total` matches (counting stops at 1,000). */
  readonly totalIsLowerBound: boolean;
  /** True when the query was cut (too long or too many words). */
  readonly truncated: boolean;
  /** True when the exact words found nothing and these results match them as prefixes. */
  readonly relaxed: boolean;
  readonly notice?: SearchNotice;
}

/** Which articles the newsroom search covers. */
export type NewsroomScope = 'any' | 'published' | 'unpublished';

/** Dependencies of the search service. */
export interface SearchServiceDeps {
  readonly backend: SearchBackend;
  readonly searchRepo: SearchRepo;
  readonly reader: ArticleReader;
  readonly sectionService: SectionService;
  readonly tagService: TagService;
  readonly authorService: AuthorService;
  readonly dictionary: DictionaryService;
  readonly engine: TextEngine;
  /** IANA time zone in which date filters name days. */
  readonly timezone: string;
  readonly now: () => Date;
}

/**
 * Full-text search over articles in both scripts: the query language of `parseQuery`
 * (words, "phrases", -exclusions, OR), filters, relevance or date order, snippets and
 * typeahead. Bad input never reaches the database: it is validated (JD_ERR_VALIDATION with
 * field messages) or parsed into tokens.
 *
 * @example
 * const res = await search.search({ q: '雜誌 -體育', section: 'culture', sort: 'relevance', variant: 'zh-TW' });
 * res.items[0]?.snippet // '…文學<mark>雜誌</mark>《燈塔》在上海復刊…'
 */
export class SearchService {
  readonly #d: SearchServiceDeps;
  readonly #snippets: SnippetMaker;
  readonly #suggester: Suggester;

  constructor(deps: SearchServiceDeps) {
    this.#d = deps;
    this.#snippets = new SnippetMaker(deps.engine.normalizer);
    this.#suggester = new Suggester(deps);
  }

  /**
   * Published articles matching a query. The string form is shorthand for `{ q, page, limit }`
   * (page 1 and 20 results by default).
   */
  search(input: SearchInput): Promise<SearchResults>;
  search(q: string, page?: number, limit?: number): Promise<SearchResults>;
  async search(input: SearchInput | string, page?: number, limit?: number): Promise<SearchResults> {
    const raw: SearchInput = typeof input === 'string' ? { q: input, ...(page !== undefined ? { page } : {}), ...(limit !== undefined ? { limit } : {}) } : input;
    return this.#run(parseSearchInput(raw), ['published']);
  }

  /**
   * The newsroom's search: drafts and every other status too (`scope` 'any', the default),
   * or only published or only unpublished articles. Relevance order covers the newest
   * matches of each scope (see RANK_WINDOW).
   */
  async searchNewsroom(input: SearchInput & { readonly scope?: NewsroomScope }): Promise<SearchResults> {
    const scope = input.scope ?? 'any';
    const { scope: _ignored, ...rest } = input;
    const scopes: Array<BackendFilter['scope']> = scope === 'any' ? ['published', 'drafts'] : scope === 'published' ? ['published'] : ['drafts'];
    return this.#run(parseSearchInput(rest), scopes);
  }

  /** Typeahead suggestions from tags and titles (see `Suggester`). */
  suggest(q: string, options: { variant?: Variant; limit?: number } = {}): Promise<Suggestion[]> {
    return this.#suggester.suggest(q, options);
  }

  /** Loads the segmenter now, so that the first reader does not wait for jieba's dictionary. */
  async warm(): Promise<void> {
    await this.#d.engine.segmenter();
  }

  async #run(r: SearchRequest, scopes: ReadonlyArray<BackendFilter['scope']>): Promise<SearchResults> {
    const filter = await resolveFilter(this.#d, r, 'published');
    const filters = scopes.map((scope) => ({ ...filter, scope }));
    // The empty search page (and a static export's shell of it) needs no segmenter: loading
    // jieba's dictionary costs some 35 MB outside the heap for the life of the process.
    const parsed = r.q.trim() === '' ? EMPTY_QUERY : parseQuery(r.q, await this.#d.engine.segmenter());
    const base = { query: parsed.text, page: r.page, limit: r.limit, truncated: parsed.truncated };
    if (parsed.must.length === 0) {
      const notice: SearchNotice = parsed.text === '' ? 'empty-query' : parsed.not.length > 0 ? 'only-exclusions' : 'no-words';
      return { ...base, items: [], total: 0, totalIsLowerBound: false, relaxed: false, notice };
    }
    let used: ParsedQuery = parsed;
    let page = await this.#page(parsed, filters, r);
    const relaxed = page.total === 0 ? relaxQuery(parsed) : undefined;
    if (relaxed) {
      page = await this.#page(relaxed, filters, r);
      used = relaxed;
    }
    const items = await this.#hits(page, used, r.variant, scopes.includes('drafts'));
    return { ...base, items, total: page.total, totalIsLowerBound: page.totalIsLowerBound, relaxed: relaxed !== undefined && page.total > 0 };
  }

  async #page(query: ParsedQuery, filters: readonly BackendFilter[], r: SearchRequest): Promise<RankedPage> {
    const offset = (r.page - 1) * r.limit;
    const now = this.#d.now().getTime();
    if (filters.length === 1) return rankedPage(this.#d.backend, query, filters[0]!, { sort: r.sort, offset, limit: r.limit, now });
    // Several scopes: take each one's first offset+limit rows and merge them in order.
    const pages = await Promise.all(filters.map((f) => rankedPage(this.#d.backend, query, f, { sort: r.sort, offset: 0, limit: offset + r.limit, now })));
    const rows = pages.flatMap((p) => p.rows).sort(r.sort === 'date' ? (a, b) => b.sortKey - a.sortKey : byScore);
    return {
      rows: rows.slice(offset, offset + r.limit),
      total: pages.reduce((n, p) => n + p.total, 0),
      totalIsLowerBound: pages.some((p) => p.totalIsLowerBound),
    };
  }

  async #hits(page: RankedPage, query: ParsedQuery, variant: Variant | undefined, drafts: boolean): Promise<SearchHit[]> {
    if (page.rows.length === 0) return [];
    const articleOf = await this.#d.backend.articleIdsOf(page.rows.map((r) => r.sortKey));
    const rows = await this.#d.searchRepo.articles([...articleOf.values()]);
    const views = new Map((await this.#d.reader.hydrate(rows)).map((v) => [v.id, v]));
    const current = await this.#d.dictionary.current();
    const conversion = variant ? current : undefined;
    // How the query's (Simplified) tokens look in Traditional articles, to find them quickly.
    const forms = query.highlight.map((t) => current.zh.text(t, 'zh-Hans', 'zh-Hant'));
    const out: SearchHit[] = [];
    for (const row of page.rows) {
      const a = views.get(articleOf.get(row.sortKey) ?? 0);
      // The index can trail a save by a moment; never show readers an unpublished article.
      if (!a || (!drafts && a.status !== 'published')) continue;
      const from: Variant | undefined = a.lang === 'zh-Hans' || a.lang === 'zh-Hant' ? a.lang : undefined;
      const convert = conversion && variant && from ? { zh: conversion.zh, from, to: variant } : undefined;
      const snippet = this.#snippets.make([plainText(a.bodyHtml), a.summary, a.subtitle], query.highlight, forms);
      out.push({
        id: a.id,
        url: a.url,
        title: convert ? convert.zh.text(a.title, convert.from, convert.to) : a.title,
        // One conversion for the whole snippet: its only markup is <mark> and entities, which
        // conversion leaves alone, and per-node calls cost more than the text they convert.
        snippet: convert ? convert.zh.text(snippet, convert.from, convert.to) : snippet,
        score: Math.round(row.score * 1e6) / 1e6,
        publishedAt: a.publishedAt,
        section: {
          id: a.section.id,
          slug: a.section.slug,
          name: conversion && variant ? conversion.localizer.name(a.section.name, variant) : a.section.name,
          url: a.section.url,
        },
        status: a.status,
        article: a,
      });
    }
    return out;
  }
}
