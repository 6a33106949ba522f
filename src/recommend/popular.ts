import { descendantIds, pathTo, type SectionIndex, type SectionService } from '../content/section.service.js';
import type { ArticleView } from '../content/views.js';
import type { PopularRepo } from './popular.repo.js';
import type { ViewsRepo } from './views.repo.js';

/** How many ids each cached list holds: enough for a block after exclusions. */
const LIST_SIZE = 40;

/** Dependencies of the popular lists. */
export interface PopularListsDeps {
  readonly views: ViewsRepo;
  readonly popular: PopularRepo;
  readonly sectionService: SectionService;
  readonly clock: () => number;
  /** How long a list is reused before it is read again (default 30 s). */
  readonly ttlMs?: number;
}

/**
 * Ranked id lists behind 精彩推薦 and 推薦閱讀's fallbacks: hottest and most read over 1 or 7 days,
 * site-wide or within an article's top-level section. They change slowly and every article page
 * asks for them, so each is cached for `ttlMs` and shared by concurrent requests: the cost is a
 * handful of queries per section per half minute, not one per page. The cache holds one entry per
 * (kind, section), a bounded set.
 *
 * @example
 * const ids = await lists.hot(lists.scopeOf(article)); // this section's hottest, ids only
 */
export class PopularLists {
  readonly #d: PopularListsDeps;
  readonly #ttlMs: number;
  readonly #cache = new Map<string, { at: number; ids: Promise<number[]> }>();

  constructor(deps: PopularListsDeps) {
    this.#d = deps;
    this.#ttlMs = deps.ttlMs ?? 30_000;
  }

  /**
   * The article's top-level section and everything below it, or undefined when it has none.
   * `index`: the section index the caller already holds.
   */
  async scopeOf(article: ArticleView, index?: SectionIndex): Promise<{ key: string; sectionIds: number[] } | undefined> {
    const root = pathTo(index ?? (await this.#d.sectionService.index()), article.section.id)[0];
    return root ? { key: String(root.id), sectionIds: descendantIds(root) } : undefined;
  }

  /** Hottest published articles (decayed views), in a scope or site-wide. */
  hot(scope?: { key: string; sectionIds: number[] }): Promise<number[]> {
    return this.#cached(`hot:${scope?.key ?? '*'}`, async () =>
      (await this.#d.popular.hot({ ...(scope ? { sectionIds: scope.sectionIds } : {}), limit: LIST_SIZE })).map((r) => r.articleId),
    );
  }

  /** Most read published articles over the last `days` days, in a scope or site-wide. */
  mostRead(days: 1 | 7, scope?: { key: string; sectionIds: number[] }): Promise<number[]> {
    return this.#cached(`read${days}:${scope?.key ?? '*'}`, async () =>
      (await this.#d.views.top({ days, ...(scope ? { sectionIds: scope.sectionIds } : {}), limit: LIST_SIZE }, new Date(this.#d.clock()))).map((r) => r.articleId),
    );
  }

  /** Forgets every list (tests, and after an editor's change that must show at once). */
  clear(): void {
    this.#cache.clear();
  }

  /** Any other id list that every page needs and may be `ttlMs` old (editors' picks), cached the same way. */
  remember(key: string, load: () => Promise<number[]>): Promise<number[]> {
    return this.#cached(`other:${key}`, load);
  }

  #cached(key: string, load: () => Promise<number[]>): Promise<number[]> {
    const now = this.#d.clock();
    const hit = this.#cache.get(key);
    if (hit && now - hit.at < this.#ttlMs) return hit.ids;
    const ids = load();
    // A failed read is not cached: the next page tries again.
    ids.catch(() => this.#cache.delete(key));
    this.#cache.set(key, { at: now, ids });
    return ids;
  }
}

/**
 * Appends ids from `candidates` to `into` until it holds `limit`, skipping `skip` and repeats.
 * The blocks fill themselves from several ranked sources in order with it.
 */
export function fillFrom(into: number[], candidates: readonly number[], skip: ReadonlySet<number>, limit: number): void {
  for (const id of candidates) {
    if (into.length >= limit) return;
    if (!skip.has(id) && !into.includes(id)) into.push(id);
  }
}
