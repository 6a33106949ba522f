import type { ArticleReader } from '../content/article.reader.js';
import type { SectionIndex } from '../content/section.service.js';
import type { ArticleView } from '../content/views.js';
import type { RecommendedSource } from './blocks.js';
import { covisitScale, covisitSimilarity, shrinkScale } from './covisit-math.js';
import type { CovisitRepo } from './covisit.repo.js';
import { fillFrom, type PopularLists } from './popular.js';
import type { PopularRepo } from './popular.repo.js';

/** Neighbours read per page: the stored top-N, before exclusions. */
const NEIGHBOURS = 50;

/** Dependencies of the 推薦閱讀 source. */
export interface CovisitBlockDeps {
  readonly covisit: CovisitRepo;
  readonly lists: PopularLists;
  readonly popular: PopularRepo;
  readonly reader: ArticleReader;
  readonly clock: () => number;
  /** Used when co-visits and most-read lists leave the block short. */
  readonly fallback: RecommendedSource;
}

/** One ranked neighbour and why it is there. */
export interface Neighbour {
  readonly articleId: number;
  /** Cosine similarity of the two articles' reader sessions, shrunk for little-read ones (0–1). */
  readonly similarity: number;
  /** Sessions that read both, decayed to today's weight. */
  readonly coVisits: number;
}

/**
 * 推薦閱讀, "readers of this also read": articles read in the same anonymous sessions as this
 * one, ranked by similarity of their readerships (not raw counts, so what everyone reads does not
 * top every list); then the most read of the last 24 hours in the article's top-level section,
 * then of the last 7 days, then the fallback. `exclude` and the article itself never show.
 */
export class CovisitBlock implements RecommendedSource {
  readonly #d: CovisitBlockDeps;
  constructor(deps: CovisitBlockDeps) {
    this.#d = deps;
  }

  /** The article's co-visited neighbours, most similar first: the explanation of the block. */
  async neighbours(articleId: number): Promise<Neighbour[]> {
    const { reads: self, pairs } = await this.#d.covisit.neighbourhood(articleId, NEIGHBOURS);
    if (pairs.length === 0) return [];
    const now = this.#d.clock();
    const scale = covisitScale(now);
    const shrink = shrinkScale(now);
    // A neighbour without a self row yet read in at least the sessions it shares with this one.
    return pairs
      .map((p) => ({ articleId: p.otherId, similarity: covisitSimilarity(p.weight, self, p.reads ?? p.weight, shrink), coVisits: p.weight / scale }))
      .sort((a, b) => b.similarity - a.similarity || b.articleId - a.articleId);
  }

  async recommended(article: ArticleView, limit: number, exclude: readonly number[], index?: SectionIndex): Promise<ArticleView[]> {
    const skip = new Set([article.id, ...exclude]);
    const ids: number[] = [];
    fillFrom(
      ids,
      (await this.neighbours(article.id)).map((n) => n.articleId),
      skip,
      limit,
    );
    if (ids.length < limit) {
      const scope = await this.#d.lists.scopeOf(article, index);
      fillFrom(ids, await this.#d.lists.mostRead(1, scope), skip, limit);
      if (ids.length < limit) fillFrom(ids, await this.#d.lists.mostRead(7, scope), skip, limit);
    }
    const shown = await this.#d.reader.cards(ids, index);
    if (shown.length >= limit) return shown;
    const fill = await this.#d.fallback.recommended(article, limit - shown.length, [...skip, ...shown.map((a) => a.id)], index);
    return [...shown, ...fill];
  }
}
