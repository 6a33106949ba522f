import type { FastifyRequest } from 'fastify';
import type { ArticleView } from '../../content/views.js';
import type { FeaturedSource, RecommendedSource, RelatedSource, WordsSource } from '../../recommend/blocks.js';

/** The simple sources the blocks under an article fall back to. */
export type FallbackSources = RelatedSource & WordsSource & FeaturedSource & RecommendedSource;

/** Which kinds of fallback an article page's blocks used. */
export interface FallbacksUsed {
  /** 精彩推薦 or 推薦閱讀 from the newest (featured) articles: any publish may change them. */
  readonly latest: boolean;
  /** 相關閱讀 from articles sharing its tags and its section's newest. */
  readonly similar: boolean;
}

const KIND: Readonly<Record<string, 'latest' | 'similar'>> = { related: 'similar', featured: 'latest', recommended: 'latest' };

/**
 * Which article pages' blocks fell back to simple lists (src/recommend/simple.ts). Those pages
 * change with what the lists read, not only with the articles they show, so they carry the
 * tags of those lists; pages whose blocks came from stored lists and reading counts do not.
 *
 * Each fallback call is numbered; a request remembers the number when it starts, and its page
 * used a fallback if one ran for its article after that.
 */
export class FallbackLog {
  #counter = 0;
  readonly #lastUse = { latest: new Map<number, number>(), similar: new Map<number, number>() };
  readonly #started = new WeakMap<FastifyRequest, number>();

  /** Called when a request starts (an onRequest hook). */
  begin(req: FastifyRequest): void {
    this.#started.set(req, this.#counter);
  }

  /** Which fallbacks ran for `articleId` since `req` started (all of them when unknown). */
  usedSince(articleId: number, req: FastifyRequest): FallbacksUsed {
    const since = this.#started.get(req);
    if (since === undefined) return { latest: true, similar: true };
    return { latest: (this.#lastUse.latest.get(articleId) ?? -1) >= since, similar: (this.#lastUse.similar.get(articleId) ?? -1) >= since };
  }

  /**
   * Wraps the simple sources so that each list they give for an article is recorded. The
   * wrapper forwards to the object itself, so its private state keeps working.
   */
  wrap<T extends FallbackSources>(inner: T): T {
    const note = (kind: 'latest' | 'similar', article: ArticleView) => {
      const uses = this.#lastUse[kind];
      uses.delete(article.id);
      uses.set(article.id, this.#counter++);
      // Bounded: the oldest records go first; a page rendered that long ago is not in flight.
      if (uses.size > 100_000) uses.delete(uses.keys().next().value!);
    };
    return new Proxy(inner, {
      get(target, prop) {
        const value = Reflect.get(target, prop, target) as unknown;
        if (typeof value !== 'function') return value;
        const method = value as (...args: unknown[]) => unknown;
        const kind = typeof prop === 'string' ? KIND[prop] : undefined;
        if (!kind) return method.bind(target);
        return (article: ArticleView, ...rest: unknown[]) => {
          note(kind, article);
          return method.call(target, article, ...rest);
        };
      },
    });
  }
}
