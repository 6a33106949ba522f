import type { TagWithCount } from '../content/tag.service.js';
import type { ArticleView, AuthorView, Paged, SectionView, TagView } from '../content/views.js';
import type { Variant } from '../zh/variants.js';
import type { Messages } from './messages.js';

/**
 * View models of public pages. Site routes build them from services; renderers turn them
 * into HTML and never query anything. Every internal URL in a model (articles, sections,
 * tags, links, pagers) is a path without a variant prefix: renderers pass it through
 * `chrome.href`, which adds the prefix the page was requested under.
 */

/** A section in the navigation bar, with its sub-sections. */
export interface NavSection extends SectionView {
  readonly children: readonly SectionView[];
}

/** A link with a label (breadcrumbs, pagers, related words). */
export interface Link {
  readonly label: string;
  readonly url: string;
}

/** Parts every page shares. */
export interface Chrome {
  readonly siteName: string;
  readonly siteUrl: string;
  /** The variant the page is served in. */
  readonly variant: Variant;
  /** Value of `<html lang>`. */
  readonly htmlLang: string;
  /** Page title without the site name (the layout appends it). */
  readonly title: string;
  /** Meta description. */
  readonly description: string;
  /** Absolute canonical URL. */
  readonly canonicalUrl: string;
  /** One link per variant to this same page, for `hreflang` and the switcher. */
  readonly alternates: ReadonlyArray<{ readonly variant: Variant; readonly hreflang: string; readonly url: string; readonly label: string }>;
  /** Absolute URLs of the site feed. */
  readonly feedUrl: string;
  readonly nav: readonly NavSection[];
  /** Slug of the section to mark as current in the navigation, if any. */
  readonly currentSection?: string;
  /** IANA time zone for dates. */
  readonly timezone: string;
  /** Turns a path (`/tech/`) into the same path in this page's variant. */
  readonly href: (path: string) => string;
  /** Path of the stylesheet (with a content hash for caching). */
  readonly stylesheet: string;
  /** Search query to prefill, if any. */
  readonly query?: string;
  /** UI strings in this page's script; the Traditional base table when absent. */
  readonly messages?: Messages;
}

/** Pagination links. */
export interface Pager {
  readonly page: number;
  readonly pages: number;
  readonly prev?: string;
  readonly next?: string;
}

export interface HomeModel {
  readonly chrome: Chrome;
  readonly headline: ArticleView | null;
  readonly slideshow: readonly ArticleView[];
  readonly featured: readonly ArticleView[];
  readonly latest: readonly ArticleView[];
  readonly sections: ReadonlyArray<{ readonly section: SectionView; readonly articles: readonly ArticleView[] }>;
  readonly tags: readonly TagWithCount[];
}

export interface ListingModel {
  readonly chrome: Chrome;
  /** What the listing is: a section, tag, author or month. */
  readonly kind: 'section' | 'tag' | 'author' | 'archive';
  readonly heading: string;
  readonly intro: string;
  readonly breadcrumbs: readonly Link[];
  /** Sub-sections (section pages) or neighbouring months (archive). */
  readonly links: readonly Link[];
  readonly articles: Paged<ArticleView>;
  readonly pager: Pager;
  readonly author?: AuthorView;
  readonly tag?: TagView;
}

export interface ArticleModel {
  readonly chrome: Chrome;
  readonly article: ArticleView;
  /** 首頁 > section(s) > 正文 */
  readonly breadcrumbs: readonly Link[];
  /** 相關閱讀 */
  readonly related: readonly ArticleView[];
  /** 精彩推薦 */
  readonly featured: readonly ArticleView[];
  /** 相關詞 */
  readonly relatedWords: readonly Link[];
  /** 推薦閱讀 */
  readonly recommended: readonly ArticleView[];
  /**
   * The views beacon: an async script (`data-article` carries the id) and the `<noscript>` pixel.
   * Absent, the page counts no view (static exports, tests).
   */
  readonly beacon?: { readonly script: string; readonly pixel: string; readonly articleId: number };
}

export interface SearchModel {
  readonly chrome: Chrome;
  readonly query: string;
  readonly results: Paged<ArticleView>;
  readonly pager: Pager;
  /**
   * What the search engine adds to each result, in the order of `results.items`: `snippet` is
   * HTML (an excerpt in the page's variant, matches in `<mark>`, the rest escaped).
   */
  readonly hits?: ReadonlyArray<{ readonly id: number; readonly snippet: string; readonly score: number }>;
  /** Why there are no results without a search: nothing typed, no searchable word, only exclusions. */
  readonly notice?: 'empty-query' | 'no-words' | 'only-exclusions';
  /** The exact words found nothing; these results match them as word beginnings. */
  readonly relaxed?: boolean;
  /** The filters this page was asked for (slugs and days, as in the URL). */
  readonly filters?: SearchFilters;
  /** What the filter form offers: sections (indented by depth) and the most used tags. */
  readonly filterOptions?: {
    readonly sections: ReadonlyArray<{ readonly slug: string; readonly name: string; readonly depth: number }>;
    readonly tags: ReadonlyArray<{ readonly slug: string; readonly name: string }>;
  };
  /** The active filters by name, each with the URL of this search without it. */
  readonly activeFilters?: ReadonlyArray<{ readonly key: keyof SearchFilters; readonly label: string; readonly clearUrl: string }>;
}

/** Filters of the search page; absent means "any". */
export interface SearchFilters {
  readonly section?: string;
  readonly tag?: string;
  readonly author?: string;
  /** A day (YYYY-MM-DD) in the site's time zone, inclusive. */
  readonly from?: string;
  readonly to?: string;
  readonly sort?: 'relevance' | 'date';
}

export interface NotFoundModel {
  readonly chrome: Chrome;
  readonly status: 404 | 400 | 410;
  readonly message: string;
  readonly latest: readonly ArticleView[];
}
