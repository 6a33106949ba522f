import type { ArticleReader } from '../content/article.reader.js';
import type { ArticleView } from '../content/views.js';

/** The four blocks under an article. */
export interface ArticleBlocks {
  /** 相關閱讀: same section and shared tags. */
  readonly related: ArticleView[];
  /** 精彩推薦: editors' featured picks. */
  readonly featured: ArticleView[];
  /** 相關詞: words to explore from this article. */
  readonly relatedWords: Array<{ label: string; url: string }>;
  /** 推薦閱讀: the newest articles from elsewhere on the site. */
  readonly recommended: ArticleView[];
}

/** How many items each block shows. */
export const BLOCK_SIZE = 6;

/**
 * Simple rules for the blocks under an article: real queries over published content, no
 * article shown twice on one page. The recommendations issue replaces these with TF-IDF
 * similarity, keyword extraction, hot scores and co-visitation.
 */
export class SimpleRecommender {
  readonly #reader: ArticleReader;
  constructor(deps: { reader: ArticleReader }) {
    this.#reader = deps.reader;
  }

  async blocks(article: ArticleView): Promise<ArticleBlocks> {
    const related = await this.#reader.related(article, BLOCK_SIZE);
    const shown = [article.id, ...related.map((a) => a.id)];
    const featured = await this.#reader.latest({ flag: 'is_featured', excludeIds: shown }, BLOCK_SIZE);
    shown.push(...featured.map((a) => a.id));
    const recommended = await this.#reader.latest({ excludeIds: shown }, BLOCK_SIZE);
    const relatedWords = [
      ...article.tags.map((t) => ({ label: t.name, url: t.url })),
      { label: article.section.name, url: article.section.url },
    ];
    return { related, featured, relatedWords, recommended };
  }
}
