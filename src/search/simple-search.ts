import type { ArticleReader } from '../content/article.reader.js';
import type { ArticleRepo } from '../content/article.repo.js';
import type { ArticleView, Paged } from '../content/views.js';
import type { ScriptConverter } from '../zh/convert.js';

/** Longest query the search accepts; longer input is cut, not rejected. */
export const MAX_QUERY_LENGTH = 200;

/**
 * Substring search over published titles, summaries and bodies, newest first, matching each
 * word in both scripts (雜誌 finds 杂志). It is the stand-in until the full-text engine
 * (segmentation, ranking) lands; it treats every query as plain text, never as syntax.
 */
export class SearchService {
  readonly #repo: ArticleRepo;
  readonly #reader: ArticleReader;
  readonly #zh: ScriptConverter;
  constructor(deps: { articleRepo: ArticleRepo; reader: ArticleReader; converter: ScriptConverter }) {
    this.#repo = deps.articleRepo;
    this.#reader = deps.reader;
    this.#zh = deps.converter;
  }

  async search(rawQuery: string, page: number, limit: number): Promise<Paged<ArticleView>> {
    const terms = normalizeQuery(rawQuery)
      .split(' ')
      .filter(Boolean)
      .slice(0, 8)
      .map((t) => [...new Set([t, this.#zh.text(t, 'zh-Hant', 'zh-Hans'), this.#zh.text(t, 'zh-Hans', 'zh-Hant')])]);
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
