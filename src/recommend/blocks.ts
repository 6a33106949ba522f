import type { SectionIndex } from '../content/section.service.js';
import type { ArticleView } from '../content/views.js';

/** A word under an article and where it leads (a tag page or a search). */
export interface WordLink {
  readonly label: string;
  readonly url: string;
}

/** The four blocks under an article. */
export interface ArticleBlocks {
  /** 相關閱讀 */
  readonly related: ArticleView[];
  /** 精彩推薦 */
  readonly featured: ArticleView[];
  /** 相關詞 */
  readonly relatedWords: WordLink[];
  /** 推薦閱讀 */
  readonly recommended: ArticleView[];
}

/*
 * `index` in the sources below: the section index the page already read, passed down so one
 * page reads it once; a source reads it itself when it is not given.
 */

/** 相關閱讀: articles about the same thing. */
export interface RelatedSource {
  related(article: ArticleView, limit: number, index?: SectionIndex): Promise<ArticleView[]>;
}

/** 相關詞: words to explore from this article. */
export interface WordsSource {
  words(article: ArticleView): Promise<WordLink[]>;
}

/** 精彩推薦: editors' picks, filled up by what is hot. `exclude`: ids already on the page. */
export interface FeaturedSource {
  featured(article: ArticleView, limit: number, exclude: readonly number[], index?: SectionIndex): Promise<ArticleView[]>;
  /** The block where there is no article (the home page); a source without it has none. */
  siteWide?(limit: number, index?: SectionIndex): Promise<ArticleView[]>;
}

/** 推薦閱讀: what readers of this article also read. `exclude`: ids already on the page. */
export interface RecommendedSource {
  recommended(article: ArticleView, limit: number, exclude: readonly number[], index?: SectionIndex): Promise<ArticleView[]>;
}

/** How many items each block shows. */
export const BLOCK_SIZE = 6;

/**
 * Composes the four blocks from their sources, so that no article shows twice on one page:
 * related first, then featured, then recommended, each skipping what is already shown.
 */
export class Recommender {
  readonly #s: { related: RelatedSource; words: WordsSource; featured: FeaturedSource; recommended: RecommendedSource };
  constructor(sources: { related: RelatedSource; words: WordsSource; featured: FeaturedSource; recommended: RecommendedSource }) {
    this.#s = sources;
  }

  /** The four blocks of `article`; `index`: the section index the page already holds. */
  async blocks(article: ArticleView, index?: SectionIndex): Promise<ArticleBlocks> {
    const [related, relatedWords] = await Promise.all([this.#s.related.related(article, BLOCK_SIZE, index), this.#s.words.words(article)]);
    const shown = [article.id, ...related.map((a) => a.id)];
    const featured = await this.#s.featured.featured(article, BLOCK_SIZE, shown, index);
    const recommended = await this.#s.recommended.recommended(article, BLOCK_SIZE, [...shown, ...featured.map((a) => a.id)], index);
    return { related, featured, relatedWords, recommended };
  }

  /** 精彩推薦 of the home page: the same picks and hot articles, site-wide; undefined if the source has none. */
  siteFeatured(limit: number, index?: SectionIndex): Promise<ArticleView[]> | undefined {
    return this.#s.featured.siteWide?.(limit, index);
  }
}
