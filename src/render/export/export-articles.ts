import { createHash } from 'node:crypto';
import type { ArticleReader } from '../../content/article.reader.js';
import type { SectionIndex } from '../../content/section.service.js';
import type { ArticleView } from '../../content/views.js';
import type { ArticleBlocks } from '../../recommend/blocks.js';
import type { Addressing } from '../../site/chrome.js';
import { SitePages } from '../../site/site-pages.js';
import type { SiteDeps } from '../../site/deps.js';
import type { DictionaryService } from '../../dictionary/dictionary.service.js';
import { renderArticle } from '../index.js';

/** Articles read per batch: one listing query and one hydration for this many. */
export const ARTICLE_CHUNK = 250;

/** One rendered page. */
export interface RenderedPage {
  /** Unprefixed or prefixed URL path, as the server answers it. */
  readonly url: string;
  readonly body: string;
}

/** What the bulk article pass needs. */
export interface ArticlePassDeps extends Omit<SiteDeps, 'stylesheet'> {
  readonly dictionary: DictionaryService;
  readonly stylesheet: string;
}

/**
 * The article pages of a static export, rendered in bulk: articles are read a chunk at a time
 * (one listing query, one batched hydration of their tags, authors and covers), and each
 * article's four blocks are computed once and shared by its five pages (the default variant
 * and the four prefixed ones). Everything else goes through the server's own page models
 * (`SitePages`) and renderer, so each page is the one the server renders for that URL, minus
 * the views beacon, which has no endpoint on a static host. Memory stays bounded by the chunk.
 */
export class ArticlePass {
  readonly #reader: ArticleReader;
  readonly #pages: SitePages;
  readonly #chunk = new Map<number, ArticleView>();
  #blocksOf: { id: number; version: number; blocks: Promise<ArticleBlocks> } | undefined;
  readonly #blocks: (article: ArticleView, index?: SectionIndex) => Promise<ArticleBlocks>;

  constructor(deps: ArticlePassDeps) {
    this.#reader = deps.reader;
    const chunk = this.#chunk;
    // The page models ask for the article by id: answer from the chunk already read.
    const reader = override(deps.reader, {
      published: (id: number, index?: SectionIndex) => {
        const hit = chunk.get(id);
        return hit ? Promise.resolve(hit) : deps.reader.published(id, index);
      },
    });
    // Five pages of one article ask for the same blocks: compute them once.
    this.#blocks = (article: ArticleView, index?: SectionIndex) => {
      const memo = this.#blocksOf;
      if (memo && memo.id === article.id && memo.version === article.version) return memo.blocks;
      const blocks = deps.recommender.blocks(article, index);
      this.#blocksOf = { id: article.id, version: article.version, blocks };
      return blocks;
    };
    const recommender = override(deps.recommender, { blocks: this.#blocks });
    this.#pages = new SitePages({ ...deps, reader, recommender });
  }

  /**
   * A digest of everything the article's pages are made from besides the code: the article
   * (body, tags, authors, cover), its four blocks (every card they show) and `salt` (what all
   * pages share: settings, section index, dictionary version, render time). Equal digests
   * give equal pages, so an incremental build keeps those without rendering them.
   */
  async inputsOf(article: ArticleView, salt: string): Promise<string> {
    const blocks = await this.#blocks(article);
    return createHash('sha1').update(salt).update(JSON.stringify(article)).update(JSON.stringify(blocks)).digest('base64url').slice(0, 22);
  }

  /**
   * Reads published articles newest first, `ARTICLE_CHUNK` at a time, and calls `onArticle`
   * with each (the caller renders its pages), then `afterChunk` (where the caller drops what it
   * kept for the chunk, such as converted articles). Returns how many there were.
   */
  async forEachArticle(onArticle: (article: ArticleView) => Promise<void>, afterChunk?: () => void): Promise<number> {
    let seen = 0;
    for (let page = 1; ; page++) {
      const batch = await this.#reader.list({}, page, ARTICLE_CHUNK);
      this.#chunk.clear();
      for (const a of batch.items) this.#chunk.set(a.id, a);
      for (const a of batch.items) await onArticle(a);
      seen += batch.items.length;
      afterChunk?.();
      if (batch.items.length < ARTICLE_CHUNK) break;
    }
    this.#chunk.clear();
    return seen;
  }

  /** The article's page as addressed by `at`, rendered for `now`. */
  async render(at: Addressing, article: ArticleView, now: string): Promise<string> {
    return renderArticle(await this.#pages.article(at, article.id), { now });
  }
}

/**
 * A view of `target` with some methods replaced; the rest are the target's own, bound to it
 * (its private fields stay reachable). Used to put chunk-aware lookups in front of services.
 */
export function override<T extends object>(target: T, methods: Partial<Record<keyof T, unknown>>): T {
  return new Proxy(target, {
    get(t, prop, _receiver) {
      if (Object.prototype.hasOwnProperty.call(methods, prop)) return methods[prop as keyof T];
      const value = Reflect.get(t, prop, t) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(t) : value;
    },
  });
}
