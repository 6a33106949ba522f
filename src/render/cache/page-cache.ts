import type { CacheEntry } from './entry.js';

/** Options of the page cache. */
export interface PageCacheOptions {
  /** Bytes all stored bodies (identity, gzip and brotli together) may take. */
  readonly maxBytes: number;
  /**
   * Share of `maxBytes` that not-found pages may take. Anyone can ask for endless missing
   * URLs; they must not push real pages out.
   */
  readonly notFoundShare?: number;
}

/** How many recent purges are remembered to tell whether a render raced with one. */
const PURGE_HISTORY = 256;
/**
 * URLs remembered as asked for once while the cache was full (see `admits`): some 100 bytes
 * each. Far more than a site's pages asked for twice within a few minutes, far fewer than the
 * long tail a crawler walks.
 */
const DOORKEEPER_KEYS = 16_384;

/** What the cache holds, for tests, logs and the admin. */
export interface PageCacheStats {
  readonly entries: number;
  readonly bytes: number;
  readonly notFoundEntries: number;
  readonly notFoundBytes: number;
  readonly tags: number;
}

/**
 * Rendered responses by request URL (path and query; the variant is part of the path), least
 * recently used first out when the bytes exceed the limit, with an index from dependency tag
 * to the entries carrying it.
 *
 * A purge does not drop an entry: it marks it invalid, so the next request renders it again,
 * and if that render fails the last good copy is still there to serve.
 *
 * @example
 * cache.set(entry);
 * cache.purge(['article:12']); // every page showing article 12 is rendered again on next request
 */
export class PageCache {
  readonly #entries = new Map<string, CacheEntry>();
  /** Not-found entries in insertion order, for their own smaller budget. */
  readonly #notFound = new Map<string, CacheEntry>();
  readonly #byTag = new Map<string, Set<CacheEntry>>();
  readonly #maxBytes: number;
  readonly #maxNotFoundBytes: number;
  #bytes = 0;
  #notFoundBytes = 0;
  #seq = 0;
  /** URLs of pages rendered once and not stored because the cache was full, oldest first. */
  readonly #askedOnce = new Set<string>();
  /** The last purges: their sequence number and tags (undefined: everything). */
  readonly #history: Array<{ seq: number; tags: ReadonlySet<string> | undefined }> = [];

  constructor(options: PageCacheOptions) {
    this.#maxBytes = options.maxBytes;
    this.#maxNotFoundBytes = Math.floor(options.maxBytes * (options.notFoundShare ?? 0.125));
  }

  /** The entry for a URL, fresh, stale or invalid: the caller decides what it may serve. */
  get(key: string): CacheEntry | undefined {
    return this.#entries.get(key);
  }

  /** Marks an entry as just used, so it is evicted last. */
  touch(entry: CacheEntry): void {
    if (this.#entries.get(entry.key) !== entry) return;
    this.#entries.delete(entry.key);
    this.#entries.set(entry.key, entry);
  }

  /**
   * Whether a page just rendered for `key` should be stored, before it is prepared for the
   * cache. While there is room, always. Once storing it would evict another page, only on its
   * second request: on a large site most pages are asked for once (crawlers, the long tail), and
   * storing each of them pushed out pages read again and again, and made memory churn through
   * entries nobody asked for twice; such a page is sent as rendered and its URL remembered.
   */
  admits(key: string, size: number): boolean {
    if (this.#entries.has(key) || this.#bytes + size <= this.#maxBytes) return true;
    if (this.#askedOnce.delete(key)) return true;
    this.wanted(key);
    return false;
  }

  /** Counts a request for `key` towards `admits` (another reader waiting for its render). */
  wanted(key: string): void {
    this.#askedOnce.delete(key);
    this.#askedOnce.add(key);
    if (this.#askedOnce.size > DOORKEEPER_KEYS) this.#askedOnce.delete(this.#askedOnce.values().next().value!);
  }

  /** Stores an entry, replacing the URL's previous one, and evicts down to the byte limit. */
  set(entry: CacheEntry): void {
    // Larger than the whole budget: keeping it would evict everything else for one page.
    if (entry.size > this.#maxBytes / 4) return;
    this.delete(entry.key);
    this.#entries.set(entry.key, entry);
    this.#bytes += entry.size;
    for (const tag of entry.tags) {
      let set = this.#byTag.get(tag);
      if (!set) this.#byTag.set(tag, (set = new Set()));
      set.add(entry);
    }
    if (entry.status !== 200) {
      this.#notFound.set(entry.key, entry);
      this.#notFoundBytes += entry.size;
      for (const old of this.#notFound.values()) {
        if (this.#notFoundBytes <= this.#maxNotFoundBytes) break;
        this.delete(old.key);
      }
    }
    this.#evict();
  }

  /**
   * Counts `bytes` a stored entry grew by (a body compressed when a client first asked for it)
   * and evicts down to the limit. An entry no longer stored is not counted: it is on its way out.
   */
  grew(entry: CacheEntry, bytes: number): void {
    if (this.#entries.get(entry.key) !== entry) return;
    this.#bytes += bytes;
    if (this.#notFound.has(entry.key)) this.#notFoundBytes += bytes;
    this.#evict();
  }

  #evict(): void {
    for (const old of this.#entries.values()) {
      if (this.#bytes <= this.#maxBytes) break;
      this.delete(old.key);
    }
  }

  /** Drops a URL's entry entirely (its page is gone or moved). */
  delete(key: string): void {
    const entry = this.#entries.get(key);
    if (!entry) return;
    this.#entries.delete(key);
    this.#bytes -= entry.size;
    if (this.#notFound.delete(key)) this.#notFoundBytes -= entry.size;
    for (const tag of entry.tags) {
      const set = this.#byTag.get(tag);
      if (!set) continue;
      set.delete(entry);
      if (set.size === 0) this.#byTag.delete(tag);
    }
  }

  /** Invalidates every entry carrying any of `tags`; returns how many were valid. */
  purge(tags: Iterable<string>): number {
    const list = new Set(tags);
    this.#remember(list);
    let n = 0;
    for (const tag of list) {
      for (const entry of this.#byTag.get(tag) ?? []) {
        if (!entry.invalid) n++;
        entry.invalid = true;
      }
    }
    return n;
  }

  /** Invalidates every entry (dictionary change, resync after an outage). */
  purgeAll(): number {
    this.#remember(undefined);
    let n = 0;
    for (const entry of this.#entries.values()) {
      if (!entry.invalid) n++;
      entry.invalid = true;
    }
    return n;
  }

  /** A number that grows with every purge: taken when a render starts, see `purgedSince`. */
  get seq(): number {
    return this.#seq;
  }

  /**
   * Whether a purge since `seq` touched any of `tags`. A render that started before such a
   * purge may show the old state, so it is stored as already invalid.
   */
  purgedSince(seq: number, tags: readonly string[]): boolean {
    if (seq === this.#seq) return false;
    const oldest = this.#history[0];
    if (!oldest || oldest.seq > seq + 1) return true;
    for (const p of this.#history) {
      if (p.seq <= seq) continue;
      if (!p.tags) return true;
      for (const t of tags) if (p.tags.has(t)) return true;
    }
    return false;
  }

  /** Keys of the entries carrying a tag (tests, diagnostics). */
  keysTagged(tag: string): string[] {
    return [...(this.#byTag.get(tag) ?? [])].map((e) => e.key);
  }

  stats(): PageCacheStats {
    return { entries: this.#entries.size, bytes: this.#bytes, notFoundEntries: this.#notFound.size, notFoundBytes: this.#notFoundBytes, tags: this.#byTag.size };
  }

  #remember(tags: ReadonlySet<string> | undefined): void {
    this.#history.push({ seq: ++this.#seq, tags });
    if (this.#history.length > PURGE_HISTORY) this.#history.shift();
  }
}
