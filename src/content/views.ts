import type { ArticleStatus } from './article.fields.js';

/**
 * Plain view models of content: what services hand to routes, the API and renderers. They
 * carry no database types and are safe to serialize as JSON.
 */
export interface SectionView {
  readonly id: number;
  readonly slug: string;
  readonly name: string;
  readonly url: string;
  readonly parentId: number | null;
  readonly position: number;
}

export interface TagView {
  readonly slug: string;
  readonly name: string;
  readonly url: string;
}

export interface AuthorView {
  readonly slug: string;
  readonly name: string;
  readonly bio: string;
  readonly url: string;
}

export interface CoverView {
  readonly url: string;
  readonly width: number | null;
  readonly height: number | null;
  readonly alt: string;
  readonly caption: string;
  readonly credit: string;
}

export interface ArticleView {
  readonly id: number;
  readonly url: string;
  readonly slug: string;
  readonly title: string;
  readonly subtitle: string;
  readonly summary: string;
  readonly bodyHtml: string;
  readonly section: SectionView;
  readonly tags: readonly TagView[];
  readonly authors: readonly AuthorView[];
  readonly source: { readonly name: string; readonly url: string };
  readonly lang: string;
  readonly status: ArticleStatus;
  readonly flags: { readonly headline: boolean; readonly featured: boolean; readonly slideshow: boolean };
  readonly publishedAt: string | null;
  readonly updatedAt: string;
  readonly correction: { readonly note: string; readonly at: string | null } | null;
  readonly cover: CoverView | null;
  readonly readingMinutes: number;
  readonly version: number;
  /**
   * The editor's SEO values, each '' when unset (the head then uses the title, the summary and
   * the article's own URL). Optional so views built without them (cards, fixtures) stay valid.
   */
  readonly seo?: ArticleSeo;
}

/** An article's SEO fields as set in the newsroom; '' means unset. */
export interface ArticleSeo {
  readonly title: string;
  readonly description: string;
  /** An absolute http(s) URL, for copy first published elsewhere. */
  readonly canonicalUrl: string;
}

/** A page of a listing. */
export interface Paged<T> {
  readonly items: readonly T[];
  readonly page: number;
  readonly limit: number;
  readonly total: number;
}
