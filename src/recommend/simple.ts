import type { ArticleReader } from '../content/article.reader.js';
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

  related(article: ArticleView, limit: number): Promise<ArticleView[]> {
    return this.#reader.related(article, limit);
  }

  async words(article: ArticleView): Promise<WordLink[]> {
    return [...article.tags.map((t) => ({ label: t.name, url: t.url })), { label: article.section.name, url: article.section.url }];
  }

  featured(_article: ArticleView, limit: number, exclude: readonly number[]): Promise<ArticleView[]> {
    return this.#reader.latest({ flag: 'is_featured', excludeIds: exclude }, limit);
  }

  recommended(_article: ArticleView, limit: number, exclude: readonly number[]): Promise<ArticleView[]> {
    return this.#reader.latest({ excludeIds: exclude }, limit);
  }
}
