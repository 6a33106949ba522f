import type { ArticleReader } from '../content/article.reader.js';
import type { PublishedFilter } from '../content/article.repo.js';
import type { SectionIndex } from '../content/section.service.js';
import type { ArticleView } from '../content/views.js';
import type { FeaturedSource, RecommendedSource, RelatedSource, WordLink, WordsSource } from './blocks.js';

/**
 * Simple rules for each block, over real published content: same section and shared tags;
 * the featured flag; the article's tags and section; the newest articles. They are the
 * fallbacks of the real sources (content similarity, keywords, hot scores, co-visitation),
 * used where those have nothing yet.
 */
export class SimpleSources implements RelatedSource, WordsSource, FeaturedSource, RecommendedSource {
  readonly #reader: ArticleReader;
  constructor(deps: { reader: ArticleReader }) {
    this.#reader = deps.reader;
  }

  related(article: ArticleView, limit: number, index?: SectionIndex): Promise<ArticleView[]> {
    return this.#reader.related(article, limit, [], index);
  }

  async words(article: ArticleView): Promise<WordLink[]> {
    return [...article.tags.map((t) => ({ label: t.name, url: t.url })), { label: article.section.name, url: article.section.url }];
  }

  featured(_article: ArticleView, limit: number, exclude: readonly number[], index?: SectionIndex): Promise<ArticleView[]> {
    return this.#newest({ flag: 'is_featured' }, limit, exclude, index);
  }

  recommended(_article: ArticleView, limit: number, exclude: readonly number[], index?: SectionIndex): Promise<ArticleView[]> {
    return this.#newest({}, limit, exclude, index);
  }

  /**
   * The newest published articles matching `filter` minus `exclude`. Every page asks the same
   * question with a different exclusion, so the newest ids are read once and shared (the
   * reader's recent-id list) and the exclusion applied here; only when exclusions eat the whole
   * shared list does it ask the database directly.
   */
  async #newest(filter: Omit<PublishedFilter, 'excludeIds'>, limit: number, exclude: readonly number[], index?: SectionIndex): Promise<ArticleView[]> {
    const skip = new Set(exclude);
    const recent = await this.#reader.recentIds(filter, RECENT_POOL);
    const ids = recent.filter((id) => !skip.has(id));
    if (ids.length >= limit || recent.length < RECENT_POOL) {
      const cards = await this.#reader.cards(ids.slice(0, limit + NEWEST_SLACK), index);
      if (cards.length >= limit || recent.length < RECENT_POOL) return cards.slice(0, limit);
    }
    return this.#reader.latest({ ...filter, excludeIds: exclude }, limit);
  }
}

/** Newest ids shared by every page's fallback blocks: more than a page ever excludes (about 20). */
const RECENT_POOL = 40;
/** Spare cards asked for, in case a few of the shared ids were unpublished a moment ago. */
const NEWEST_SLACK = 4;
