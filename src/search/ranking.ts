import { keyTime, type BackendFilter, type SearchBackend, type WindowRow } from './backend.js';
import type { ParsedQuery } from './query.js';

/**
 * How many of the newest matches are ranked by relevance. Computing relevance costs time per
 * matching document, and on a news site a query for a common word matches tens of thousands:
 * ranking the newest five hundred keeps a query within milliseconds, and news readers want recent
 * reporting first anyway. Results past the window follow, newest first. A query with fewer
 * matches than this is ranked exactly.
 */
export const RANK_WINDOW = 500;
/**
 * Totals are exact up to this many matches; beyond it they are a lower bound ("1,000+"), as
 * readers never page that far and counting every match of a common word costs more than the
 * rest of the search.
 */
export const COUNT_CAP = 1000;
/** A new article's relevance counts up to this much more than an old one's (1 + boost). */
export const RECENCY_BOOST = 0.5;
/** Days after which the recency boost has halved. */
export const RECENCY_HALF_LIFE_DAYS = 30;

/** A ranked hit: the backend row and its final score. */
export interface RankedRow extends WindowRow {
  readonly score: number;
}

/** A page of ranked rows with the number of matches. */
export interface RankedPage {
  readonly rows: readonly RankedRow[];
  readonly total: number;
  /** True when there are more than `total` matches (the count stopped at COUNT_CAP). */
  readonly totalIsLowerBound: boolean;
}

/**
 * The final score: the backend's relevance (BM25 with field weights on SQLite, cover density
 * on PostgreSQL) times a recency factor that decays hyperbolically from 1 + RECENCY_BOOST.
 */
export function blendedScore(relevance: number, sortKey: number, now: number): number {
  const ageDays = Math.max(0, now - keyTime(sortKey)) / 86_400_000;
  return relevance * (1 + RECENCY_BOOST / (1 + ageDays / RECENCY_HALF_LIFE_DAYS));
}

/** Orders rows by score, newer first on ties. */
export function byScore(a: RankedRow, b: RankedRow): number {
  return b.score - a.score || b.sortKey - a.sortKey;
}

/**
 * One page of results in `sort` order for a parsed query: by relevance (the ranked window,
 * then older matches newest first) or by date.
 */
export async function rankedPage(
  backend: SearchBackend,
  query: ParsedQuery,
  filter: BackendFilter,
  opts: { sort: 'relevance' | 'date'; offset: number; limit: number; now: number },
): Promise<RankedPage> {
  const score = (r: WindowRow): RankedRow => ({ sortKey: r.sortKey, relevance: r.relevance, score: blendedScore(r.relevance, r.sortKey, opts.now) });
  if (opts.sort === 'date') {
    const rows = (await backend.newest(query, filter, { limit: opts.limit, offset: opts.offset, rank: true })).map(score);
    // A short first page is the whole result: no need to count.
    if (opts.offset === 0 && rows.length < opts.limit) return { rows, total: rows.length, totalIsLowerBound: false };
    return { rows, ...(await counted(backend, query, filter)) };
  }
  // The count runs alongside the window (on PostgreSQL, on another connection); it is only
  // used when the window is full.
  const [windowRows, total] = await Promise.all([backend.newest(query, filter, { limit: RANK_WINDOW, rank: true }), counted(backend, query, filter)]);
  const window = windowRows.map(score);
  const head = topK(window, opts.offset + opts.limit, byScore).slice(opts.offset);
  if (window.length < RANK_WINDOW) return { rows: head, total: window.length, totalIsLowerBound: false };
  let rows = head;
  if (head.length < opts.limit) {
    const oldest = Math.min(...window.map((r) => r.sortKey));
    const tail = await backend.newest(query, filter, {
      limit: opts.limit - head.length,
      offset: Math.max(0, opts.offset - RANK_WINDOW),
      beforeKey: oldest,
      rank: true,
    });
    rows = [...head, ...tail.map(score)];
  }
  return { rows, ...total };
}

/** The first `k` rows in `order`, without sorting the rest (a page is a few of hundreds). */
export function topK<T>(rows: readonly T[], k: number, order: (a: T, b: T) => number): T[] {
  if (k <= 0) return [];
  if (k * 4 >= rows.length) return [...rows].sort(order).slice(0, k);
  const best: T[] = [];
  for (const row of rows) {
    if (best.length === k && order(row, best[k - 1]!) >= 0) continue;
    let lo = 0;
    let hi = best.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (order(row, best[mid]!) < 0) hi = mid;
      else lo = mid + 1;
    }
    best.splice(lo, 0, row);
    if (best.length > k) best.pop();
  }
  return best;
}

async function counted(backend: SearchBackend, query: ParsedQuery, filter: BackendFilter): Promise<Omit<RankedPage, 'rows'>> {
  const n = await backend.count(query, filter, COUNT_CAP + 1);
  return { total: Math.min(n, COUNT_CAP), totalIsLowerBound: n > COUNT_CAP };
}
