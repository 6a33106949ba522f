import type { SiteIdf } from '../zh/keywords.js';
import type { ParsedQuery } from './query.js';

/** The indexed fields of an article, each a separately weighted column. */
export const INDEX_FIELDS = ['title', 'subtitle', 'summary', 'body', 'tags', 'section', 'authors', 'source'] as const;
/** One of the indexed fields. */
export type IndexField = (typeof INDEX_FIELDS)[number];

/**
 * How much a match in each field counts. Title and tags are what an article is about; the
 * body is long, so one mention there says little.
 */
export const FIELD_WEIGHTS: Readonly<Record<IndexField, number>> = {
  title: 8,
  subtitle: 3,
  summary: 3,
  body: 1,
  tags: 6,
  section: 2,
  authors: 3,
  source: 1,
};

/** One article as the index stores it: normalized, segmented tokens per field. */
export interface IndexDoc {
  readonly articleId: number;
  /** Time-ordered key (see `sortKeyOf`). */
  readonly sortKey: number;
  /** Published articles are what readers search; the others only the newsroom. */
  readonly published: boolean;
  readonly sectionId: number;
  readonly publishedAt: string | null;
  readonly fields: Readonly<Record<IndexField, readonly string[]>>;
}

/** Which documents a query may return, besides matching the words. */
export interface BackendFilter {
  readonly scope: 'published' | 'drafts';
  readonly sectionIds?: readonly number[];
  readonly tagId?: number;
  readonly authorId?: number;
  /** Inclusive lower bound on `sortKey` (from a publish time, see `sortKeyOf`). */
  readonly fromKey?: number;
  /** Exclusive upper bound on `sortKey`. */
  readonly toKey?: number;
}

/**
 * A matching document in newest-first order, with the backend's relevance (higher is better).
 * Only its sort key: turning keys into article ids (`articleIdsOf`) is left for the few rows
 * a page shows, not the whole ranked window.
 */
export interface WindowRow {
  readonly sortKey: number;
  readonly relevance: number;
}

/** Options of a newest-first read. */
export interface WindowOptions {
  readonly limit: number;
  readonly offset?: number;
  /** Only documents with a smaller `sortKey` (to continue after a window). */
  readonly beforeKey?: number;
  /** Compute relevance (costs a pass over each term's postings); 0 otherwise. */
  readonly rank: boolean;
  /** Match in this field only (typeahead uses titles). */
  readonly field?: IndexField;
}

/**
 * A full-text index in one database dialect. Both implementations store the same tokens and
 * pass one conformance suite (search.conformance.test.ts); `createBackend` (create-backend.ts)
 * picks one, and nothing outside this folder knows which.
 */
export interface SearchBackend {
  /** Stores documents, replacing any earlier version of the same articles, in one transaction. */
  upsert(docs: readonly IndexDoc[]): Promise<void>;
  /** Removes articles from the index (either scope). */
  remove(articleIds: readonly number[]): Promise<void>;
  /** Matching documents, newest first. Queries with no positive unit match nothing. */
  newest(query: ParsedQuery, filter: BackendFilter, options: WindowOptions): Promise<WindowRow[]>;
  /** How many documents match, counting no further than `cap`. */
  count(query: ParsedQuery, filter: BackendFilter, cap: number): Promise<number>;
  /** The articles of documents, by sort key; keys no longer indexed are left out. */
  articleIdsOf(sortKeys: readonly number[]): Promise<Map<number, number>>;
  /** Every indexed article id (to prune articles that no longer exist). */
  indexedArticleIds(): Promise<number[]>;
  /**
   * In how many published documents each token occurs, for keyword IDF. Reads the whole
   * index: only for sites that have not stored these by a rebuild yet, and are small.
   */
  documentFrequencies(): Promise<SiteIdf>;
  /** Compacts the index after a bulk rebuild. */
  optimize(): Promise<void>;
}

// A sort key is the publish second shifted left by 21 bits plus the id's low 21 bits: unique
// below two million articles (and beyond, unless two share a second and those bits), ordered
// by time, and below 2^53 until the year 2106 so it stays exact in a JS number.
const ID_BITS = 2 ** 21;
/** Sort keys per second of publish time. */
export const KEYS_PER_SECOND = ID_BITS;
const MAX_SECONDS = 2 ** 32 - 2;

/** The time-ordered key of a document published (or last saved, for drafts) at `iso`. */
export function sortKeyOf(iso: string, articleId: number): number {
  return keyFloor(iso) + (articleId % ID_BITS);
}

/** The smallest sort key of the second holding `iso`: an inclusive lower bound for "from". */
export function keyFloor(iso: string): number {
  return clampSeconds(Math.floor(Date.parse(iso) / 1000)) * ID_BITS;
}

/** The smallest sort key after the second holding `iso` began: an exclusive bound for "to". */
export function keyCeil(iso: string): number {
  return clampSeconds(Math.ceil(Date.parse(iso) / 1000)) * ID_BITS;
}

function clampSeconds(seconds: number): number {
  return Math.min(MAX_SECONDS, Math.max(0, Number.isFinite(seconds) ? seconds : 0));
}

/** The publish time (epoch ms, to the second) a sort key was made from. */
export function keyTime(sortKey: number): number {
  return Math.floor(sortKey / ID_BITS) * 1000;
}
