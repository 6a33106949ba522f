import type { ArticleReader } from '../content/article.reader.js';
import type { ArticleRepo } from '../content/article.repo.js';
import type { ArticleView, Paged } from '../content/views.js';

/** Longest query the search accepts; longer input is cut, not rejected. */
export const MAX_QUERY_LENGTH = 200;

/**
 * Substring search over published titles, summaries and bodies, newest first. It is the
 * foundation's stand-in until the full-text engine (segmentation, ranking, cross-script
 * matching) lands; it already treats every query as plain text, never as syntax.
 */
export class SearchService {
  readonly #repo: ArticleRepo;
  readonly #reader: ArticleReader;
  constructor(deps: { articleRepo: ArticleRepo; reader: ArticleReader }) {
    this.#repo = deps.articleRepo;
    this.#reader = deps.reader;
  }

  async search(rawQuery: string, page: number, limit: number): Promise<Paged<ArticleView>> {
    const terms = normalizeQuery(rawQuery).split(' ').filter(Boolean).slice(0, 8);
    if (terms.length === 0) return { items: [], page, limit, total: 0 };
    const [rows, total] = await Promise.all([this.#repo.searchText(terms, limit, (page - 1) * limit), this.#repo.countSearchText(terms)]);
    return { items: await this.#reader.hydrate(rows), page, limit, total };
  }
}

/** Collapses whitespace and control characters and cuts the query to a sane length. */
export function normalizeQuery(q: string): string {
  return q
    .replace(/[\u0000-\u001f\u007f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, MAX_QUERY_LENGTH);
}
