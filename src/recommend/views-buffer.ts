/** Capacity of one batch of views between two flushes. */
export interface BufferLimits {
  /** Distinct (article, hour) counters. */
  readonly articles: number;
  /** Distinct article pairs (self rows included). */
  readonly pairs: number;
}

/** One flush's worth of views, aggregated: what the repository writes in one transaction. */
export interface ViewBatch {
  /** Views per hour (whole hours since the epoch) per article. */
  readonly views: ReadonlyMap<number, ReadonlyMap<number, number>>;
  /**
   * Session reads per unordered pair, keyed smaller id → larger id → count; a pair of an id with
   * itself counts the sessions that read that article (the co-visitation denominator).
   */
  readonly pairs: ReadonlyMap<number, ReadonlyMap<number, number>>;
  /** How many views it holds. */
  readonly size: number;
}

/**
 * The in-memory buffer requests append to. It aggregates as it goes (a counter per article and
 * hour, a counter per pair), so its memory grows with distinct keys, not with traffic, and it is
 * bounded: when full, a new key is refused (the caller counts it as dropped), never an error. `take`
 * hands the batch to the flusher and starts an empty one.
 *
 * @example
 * buffer.view(42, hour); buffer.pair(42, 42); buffer.pair(17, 42);
 * await repo.flush(buffer.take(), now);
 */
export class ViewBuffer {
  readonly #limits: BufferLimits;
  #views = new Map<number, Map<number, number>>();
  #pairs = new Map<number, Map<number, number>>();
  #viewKeys = 0;
  #pairKeys = 0;
  #size = 0;

  constructor(limits: BufferLimits) {
    this.#limits = limits;
  }

  /** Adds `n` views of `articleId` in `hour`; false when full. */
  view(articleId: number, hour: number, n = 1): boolean {
    let byArticle = this.#views.get(hour);
    const had = byArticle?.get(articleId);
    if (had === undefined) {
      if (this.#viewKeys >= this.#limits.articles) return false;
      this.#viewKeys++;
      if (!byArticle) this.#views.set(hour, (byArticle = new Map()));
    }
    byArticle!.set(articleId, (had ?? 0) + n);
    this.#size += n;
    return true;
  }

  /** Adds `n` session reads to the pair {a, b} (a === b: a session read of a); false when full. */
  pair(a: number, b: number, n = 1): boolean {
    const lo = a < b ? a : b;
    const hi = a < b ? b : a;
    let row = this.#pairs.get(lo);
    const had = row?.get(hi);
    if (had === undefined) {
      if (this.#pairKeys >= this.#limits.pairs) return false;
      this.#pairKeys++;
      if (!row) this.#pairs.set(lo, (row = new Map()));
    }
    row!.set(hi, (had ?? 0) + n);
    return true;
  }

  /** How full the fuller of its two bounds is, from 0 to 1. */
  get fill(): number {
    return Math.max(this.#viewKeys / this.#limits.articles, this.#pairKeys / this.#limits.pairs);
  }

  /** Views waiting for the next flush. */
  get size(): number {
    return this.#size;
  }

  /** Hands over everything buffered and starts empty. */
  take(): ViewBatch {
    const batch: ViewBatch = { views: this.#views, pairs: this.#pairs, size: this.#size };
    this.#views = new Map();
    this.#pairs = new Map();
    this.#viewKeys = 0;
    this.#pairKeys = 0;
    this.#size = 0;
    return batch;
  }

  /** Merges a batch whose write failed back in, as far as room allows; returns the views that did not fit. */
  restore(batch: ViewBatch): number {
    let lost = 0;
    for (const [hour, byArticle] of batch.views) for (const [id, n] of byArticle) if (!this.view(id, hour, n)) lost += n;
    for (const [lo, row] of batch.pairs) for (const [hi, n] of row) this.pair(lo, hi, n);
    return lost;
  }
}
