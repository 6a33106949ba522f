import type { ArticleReader } from '../content/article.reader.js';
import type { SectionIndex } from '../content/section.service.js';
import type { ArticleView } from '../content/views.js';
import type { FeaturedSource } from './blocks.js';
import type { FeaturedService } from './featured.service.js';
import { fillFrom, type PopularLists } from './popular.js';
import type { PopularRepo } from './popular.repo.js';

/** Picks fetched per page at most: more than a block shows, so exclusions still leave enough. */
const PICKS_POOL = 24;

/** Dependencies of the 精彩推薦 source. */
export interface FeaturedBlockDeps {
  readonly picks: FeaturedService;
  readonly lists: PopularLists;
  readonly popular: PopularRepo;
  readonly reader: ArticleReader;
  /** Used when picks and hot articles leave the block short (a new site without views). */
  readonly fallback: FeaturedSource;
}

/**
 * 精彩推薦: the editors' active picks in their order, filled up by what is hot (views decayed
 * with the configured half-life) in the article's top-level section, then site-wide, then by the
 * fallback. Ids already on the page (`exclude`) and the article itself never show.
 */
export class FeaturedBlock implements FeaturedSource {
  readonly #d: FeaturedBlockDeps;
  constructor(deps: FeaturedBlockDeps) {
    this.#d = deps;
  }

  async featured(article: ArticleView, limit: number, exclude: readonly number[], index?: SectionIndex): Promise<ArticleView[]> {
    const skip = new Set([article.id, ...exclude]);
    const ids: number[] = [];
    fillFrom(ids, await this.#picks(), skip, limit);
    if (ids.length < limit) {
      const scope = await this.#d.lists.scopeOf(article, index);
      if (scope) fillFrom(ids, await this.#d.lists.hot(scope), skip, limit);
      if (ids.length < limit) fillFrom(ids, await this.#d.lists.hot(), skip, limit);
    }
    const shown = await this.#d.reader.cards(ids, index);
    if (shown.length >= limit) return shown;
    const fill = await this.#d.fallback.featured(article, limit - shown.length, [...skip, ...shown.map((a) => a.id)], index);
    return [...shown, ...fill];
  }

  /** The editors' active picks in order. They scan the featured flag: cached with the lists, cleared whenever picks or articles change. */
  #picks(): Promise<number[]> {
    return this.#d.lists.remember('picks', () => this.#d.picks.active(PICKS_POOL));
  }

  /**
   * 精彩推薦 where there is no article (the home page): the editors' active picks in their
   * order, filled up by what is hot site-wide, then by the newest articles flagged featured.
   */
  async siteWide(limit: number, index?: SectionIndex): Promise<ArticleView[]> {
    const ids: number[] = [];
    const skip = new Set<number>();
    fillFrom(ids, await this.#picks(), skip, limit);
    if (ids.length < limit) fillFrom(ids, await this.#d.lists.hot(), skip, limit);
    if (ids.length < limit) fillFrom(ids, await this.#d.reader.recentIds({ flag: 'is_featured' }, limit * 2), skip, limit);
    return this.#d.reader.cards(ids, index);
  }
}
