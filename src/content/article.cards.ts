import type { EventBus } from '../events/bus.js';
import type { SectionIndex } from './section.service.js';
import type { ArticleView } from './views.js';

/** Cards kept at most: a card with its tags, authors, cover and URLs takes about 1 KB of heap. */
const MAX_CARDS = 12_000;
/**
 * Cards kept with the page cache on, where cards are read only for the pages it renders. Under
 * random article pages in all five forms on 100,000 articles, 8,000 served as many pages per
 * CPU-second as 12,000 and kept the server about 7 MB smaller; on 10,000 articles, where
 * 12,000 holds every card, a crawler's random pages cost some 5% more CPU.
 */
export const CARDS_BEHIND_PAGE_CACHE = 8_000;
/** Lists of recent ids kept at most (one per filter the pages ask for; a bounded set). */
const MAX_LISTS = 200;

/** What the caches need to know about time: how long an entry may be served. */
export interface CardCacheOptions {
  readonly clock?: () => number;
  /**
   * How long a card or id list is served before it is read again. Saves and deletions drop
   * their entries at once (`forget`), renames of tags and authors drop everything (`follow`);
   * the TTL bounds what no event reports: a save made by another process whose message was lost.
   */
  readonly ttlMs?: number;
  /** Cards kept at most (default 12,000). */
  readonly maxCards?: number;
}

/**
 * Article cards (views without their body) and short id lists, kept in memory between pages.
 * Every article page shows some 18 cards of other articles and the home page dozens: reading
 * and hydrating those rows (with their tags, authors and covers) was most of a page's database
 * time, though cards change only when their article is saved. Entries are dropped on
 * `article.saved` / `article.deleted` (see `ArticleReader.subscribe`), and a card whose section
 * no longer matches the section index (renamed, moved) is treated as missing, so a card never
 * shows a section name the navigation does not.
 */
export class CardCache {
  readonly #clock: () => number;
  readonly #ttlMs: number;
  readonly #maxCards: number;
  readonly #cards = new Map<number, { at: number; view: ArticleView }>();
  readonly #lists = new Map<string, { at: number; value: Promise<unknown> }>();

  constructor(options: CardCacheOptions = {}) {
    this.#clock = options.clock ?? Date.now;
    this.#ttlMs = options.ttlMs ?? 60_000;
    this.#maxCards = options.maxCards ?? MAX_CARDS;
  }

  /** Cards kept at most. */
  get maxCards(): number {
    return this.#maxCards;
  }

  /** The cached card of `id`, if fresh and consistent with `index`. */
  card(id: number, index: SectionIndex): ArticleView | undefined {
    const hit = this.#cards.get(id);
    if (!hit) return undefined;
    const s = index.byId.get(hit.view.section.id);
    const v = hit.view.section;
    if (this.#clock() - hit.at >= this.#ttlMs || !s || s.slug !== v.slug || s.name !== v.name || s.parentId !== v.parentId || s.position !== v.position) {
      this.#cards.delete(id);
      return undefined;
    }
    return hit.view;
  }

  /** Keeps a published article's card (its body is dropped here). */
  keep(view: ArticleView): ArticleView {
    const card = view.bodyHtml === '' ? view : { ...view, bodyHtml: '' };
    // Oldest first out: a Map iterates in insertion order, and re-keeping moves an entry to the end.
    this.#cards.delete(card.id);
    if (this.#cards.size >= this.#maxCards) this.#cards.delete(this.#cards.keys().next().value!);
    this.#cards.set(card.id, { at: this.#clock(), view: card });
    return card;
  }

  /**
   * A small value derived from the published set under `key` (the newest ids of a filter, the
   * home page's tag list), loaded once and shared until an article changes or the TTL passes.
   * A failed load is not kept. Callers must not modify what they get.
   */
  list<T>(key: string, load: () => Promise<T>): Promise<T> {
    const now = this.#clock();
    const hit = this.#lists.get(key);
    if (hit && now - hit.at < this.#ttlMs) return hit.value as Promise<T>;
    const value = load();
    value.catch(() => {
      if (this.#lists.get(key)?.value === value) this.#lists.delete(key);
    });
    if (this.#lists.size >= MAX_LISTS) this.#lists.delete(this.#lists.keys().next().value!);
    this.#lists.set(key, { at: now, value });
    return value;
  }

  /**
   * Drops what a change to article `id` may make wrong: its card, and every id list (an
   * article entering or leaving the published set moves every "newest" list).
   */
  forget(id: number): void {
    this.#cards.delete(id);
    this.#lists.clear();
  }

  /**
   * Drops everything when a tag or author is renamed (cards carry their names; derived lists
   * such as the home page's tags may too). Such changes are rare; per-article saves are
   * followed by `ArticleReader.subscribe`.
   */
  follow(events: EventBus): void {
    events.on('taxonomy.changed', () => this.clear());
    events.on('author.changed', () => this.clear());
  }

  /** Drops everything (dictionary or settings change, a message from another process). */
  clear(): void {
    this.#cards.clear();
    this.#lists.clear();
  }
}
