/**
 * Bounded in-memory state for beacons: a two-generation map and, on top of it, a rate limiter
 * and a "seen recently" set. Memory never exceeds `max` entries whatever the traffic, and every
 * call is O(1): no sweep, no iteration. (A Map used as an LRU — delete and re-insert on every
 * touch, evict from the front — makes V8 skip an ever longer run of deleted slots at the front
 * of its table; at beacon rates that cost more than the rest of the request.)
 */

/**
 * A map whose entries vanish once untouched for one to two periods. Reads and writes go to the
 * current generation; an entry found only in the previous one moves up. Every `periodMs`, or
 * as soon as the current generation holds `max / 2` entries, the previous generation is
 * dropped whole and the current one becomes previous.
 *
 * @example
 * const seen = new AgingMap<number>({ periodMs: 60_000, max: 100_000 });
 * seen.set('k', Date.now(), Date.now());
 */
export class AgingMap<V> {
  readonly #periodMs: number;
  readonly #half: number;
  #current = new Map<string, V>();
  #previous = new Map<string, V>();
  #rotatedAt = Number.NEGATIVE_INFINITY;

  constructor(options: { periodMs: number; max: number }) {
    this.#periodMs = options.periodMs;
    this.#half = Math.max(1, Math.floor(options.max / 2));
  }

  /** The entry for `key`, if it is still held at `now`. */
  get(key: string, now: number): V | undefined {
    this.#age(now);
    const v = this.#current.get(key);
    if (v !== undefined) return v;
    const old = this.#previous.get(key);
    if (old !== undefined) {
      this.#previous.delete(key);
      this.#put(key, old);
    }
    return old;
  }

  /** Stores `value` for `key` at `now`. */
  set(key: string, value: V, now: number): void {
    this.#age(now);
    this.#put(key, value);
  }

  /** Entries held (at most `max`). */
  get size(): number {
    return this.#current.size + this.#previous.size;
  }

  #put(key: string, value: V): void {
    if (!this.#current.has(key) && this.#current.size >= this.#half) this.#rotate();
    this.#current.set(key, value);
  }

  #age(now: number): void {
    const elapsed = now - this.#rotatedAt;
    if (elapsed < this.#periodMs) return;
    // Two periods of silence: both generations are stale.
    if (elapsed >= 2 * this.#periodMs) this.#current = new Map();
    this.#rotate();
    this.#rotatedAt = now;
  }

  #rotate(): void {
    this.#previous = this.#current;
    this.#current = new Map();
  }
}

/** Token-bucket settings: `burst` beacons at once, then one every `refillMs`. */
export interface RateLimit {
  readonly burst: number;
  readonly refillMs: number;
  /** Most addresses tracked at once; the least recently seen are forgotten first. */
  readonly max: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * A token bucket per key (a hashed address). A key is forgotten only after being idle long
 * enough for its bucket to be full again (or when `max` addresses crowd it out), so forgetting
 * never lets a flood through faster than the rate.
 *
 * @example
 * const limiter = new RateLimiter({ burst: 60, refillMs: 1000, max: 100_000 });
 * if (!limiter.take(addressHash, Date.now())) return 'limited';
 */
export class RateLimiter {
  readonly #limit: RateLimit;
  readonly #buckets: AgingMap<Bucket>;

  constructor(limit: RateLimit) {
    this.#limit = limit;
    this.#buckets = new AgingMap({ periodMs: limit.burst * limit.refillMs, max: limit.max });
  }

  /** Takes one token for `key` at time `now` (ms); false when the bucket is empty. */
  take(key: string, now: number): boolean {
    const { burst, refillMs } = this.#limit;
    let b = this.#buckets.get(key, now);
    if (b) {
      b.tokens = Math.min(burst, b.tokens + (now - b.at) / refillMs);
      b.at = now;
    } else {
      b = { tokens: burst, at: now };
      this.#buckets.set(key, b, now);
    }
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }

  /** Keys currently tracked (tests and stats). */
  get size(): number {
    return this.#buckets.size;
  }
}

/**
 * Keys seen within the last `ttlMs`, counted from their first sighting: de-duplication of
 * (visitor, article). It holds at most `max` keys; under more distinct keys than that within a
 * window, the oldest half is forgotten early and could count once more, which the rate limiter
 * keeps small even under a flood.
 */
export class RecentSet {
  readonly #ttlMs: number;
  readonly #seen: AgingMap<number>;

  constructor(options: { ttlMs: number; max: number }) {
    this.#ttlMs = options.ttlMs;
    this.#seen = new AgingMap({ periodMs: options.ttlMs, max: options.max });
  }

  /** Records `key` at `now`; true when it was not seen within the window (first sighting). */
  add(key: string, now: number): boolean {
    const at = this.#seen.get(key, now);
    if (at !== undefined && now - at < this.#ttlMs) return false;
    this.#seen.set(key, now, now);
    return true;
  }

  get size(): number {
    return this.#seen.size;
  }
}
