import type { ArticleReader } from '../content/article.reader.js';
import type { SectionIndex } from '../content/section.service.js';
import type { ArticleView } from '../content/views.js';
import type { RelatedSource } from './blocks.js';
import type { RelatedRepo } from './related.repo.js';
import { isNearDuplicate } from './simhash.js';

/** Extra fallback articles asked for, since near-duplicates among them are dropped. */
const FILL_SLACK = 4;
/** Extra list entries read, in case some were unpublished since the list was computed. */
const LIST_SLACK = 4;

/**
 * 相關閱讀 as readers see it: the article's stored list (published articles only, best
 * first), topped up by the simple rules (shared tags, same section) when the list is short
 * or not computed yet (before the first computation, or for an article with no text
 * in common with any other). The top-up never adds a near-duplicate of the article or of an
 * article already shown.
 */
export class StoredRelatedSource implements RelatedSource {
  readonly #repo: RelatedRepo;
  readonly #reader: ArticleReader;
  readonly #fallback: RelatedSource;

  constructor(deps: { repo: RelatedRepo; reader: ArticleReader; fallback: RelatedSource }) {
    this.#repo = deps.repo;
    this.#reader = deps.reader;
    this.#fallback = deps.fallback;
  }

  async related(article: ArticleView, limit: number, index?: SectionIndex): Promise<ArticleView[]> {
    // Cards (kept in memory) of the stored list's published entries; unpublished ones drop out.
    const listed = (await this.#reader.cards(await this.#repo.listedIds(article.id, limit + LIST_SLACK), index)).slice(0, limit);
    if (listed.length >= limit) return listed;
    const shown = new Set([article.id, ...listed.map((a) => a.id)]);
    const fill = (await this.#fallback.related(article, limit + listed.length + FILL_SLACK, index)).filter((a) => !shown.has(a.id));
    const prints = await this.#repo.fingerprints([...shown, ...fill.map((a) => a.id)]);
    const kept = [...shown].map((id) => prints.get(id)).filter((p): p is string => p !== undefined);
    const out = [...listed];
    for (const a of fill) {
      if (out.length >= limit) break;
      const p = prints.get(a.id);
      if (p !== undefined && kept.some((k) => isNearDuplicate(k, p))) continue;
      if (p !== undefined) kept.push(p);
      out.push(a);
    }
    return out;
  }
}
