import { createHash, randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';

const DAY_MS = 86_400_000;

/** A short salted hash: keys are often client addresses, which no store may keep as they are. */
function digest(salt: string, key: string): string {
  return createHash('sha256').update(salt).update(key).digest('base64url').slice(0, 22);
}

/**
 * Counters of hits per key in fixed time windows, shared by every process that uses the same
 * store: the site-wide side of a rate limit. In memory for one process, in Redis for many.
 */
export interface RateStore {
  /** Counts one hit on `key` in the current `windowMs` window; resolves with the window's total. */
  hit(key: string, windowMs: number, now: number): Promise<number>;
}

/** One process's counters (tests, and a site without Redis). Holds at most `max` keys. */
export class MemoryRateStore implements RateStore {
  readonly #max: number;
  readonly #salt = randomBytes(16).toString('hex');
  #windows = new Map<string, { start: number; count: number }>();

  constructor(options: { max?: number } = {}) {
    this.#max = options.max ?? 100_000;
  }

  async hit(key: string, windowMs: number, now: number): Promise<number> {
    const start = now - (now % windowMs);
    key = digest(this.#salt, key);
    let w = this.#windows.get(key);
    if (!w || w.start !== start) {
      // Full: drop every counter rather than sweep; a fresh window only ever undercounts.
      if (!w && this.#windows.size >= this.#max) this.#windows = new Map();
      w = { start, count: 0 };
      this.#windows.set(key, w);
    }
    return ++w.count;
  }
}

// INCR the window's counter; the first hit sets its expiry, so Redis forgets it by itself.
const HIT = `local n = redis.call('INCR', KEYS[1]) if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end return n`;

// Today's salt, shared by every process of the site: the first to ask sets it, for two days.
const SALT = `redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) return redis.call('GET', KEYS[1])`;

/**
 * Counters in Redis, one key per (key, window), expiring with the window. Keys are hashed with
 * a salt the processes share for one day (kept in Redis, then dropped), so counts meet across
 * processes while Redis never holds an address. A failed call (Redis down) resolves with 0:
 * the limit falls back to each process's own.
 */
export class RedisRateStore implements RateStore {
  readonly #redis: Redis;
  readonly #prefix: string;
  #salt: { day: number; value: Promise<string> } | undefined;

  constructor(deps: { redis: Redis; namespace: string }) {
    this.#redis = deps.redis;
    this.#prefix = `jiaodian:${deps.namespace}:rate:`;
  }

  async hit(key: string, windowMs: number, now: number): Promise<number> {
    const window = Math.floor(now / windowMs);
    try {
      const salt = await this.#saltOf(Math.floor(now / DAY_MS));
      return Number(await this.#redis.eval(HIT, 1, `${this.#prefix}${digest(salt, key)}:${window}`, String(windowMs)));
    } catch {
      return 0;
    }
  }

  #saltOf(day: number): Promise<string> {
    if (this.#salt?.day !== day) {
      const value = (this.#redis.eval(SALT, 1, `${this.#prefix}salt:${day}`, randomBytes(16).toString('hex'), String(2 * DAY_MS)) as Promise<string>).then(String);
      // A failure is not remembered: the next hit asks again.
      value.catch(() => (this.#salt = undefined));
      this.#salt = { day, value };
    }
    return this.#salt.value;
  }
}

/**
 * A site-wide limit that never makes a request wait: `allowed` answers at once from what this
 * process last heard, and counts the hit in the shared store in the background. A key whose
 * site-wide count passes `limit` is refused here until its window ends. Between the count and
 * the answer a few more hits may pass (one round trip's worth), which each process's own limiter
 * bounds anyway.
 *
 * @example
 * const shared = new SharedLimit({ store, limit: 120, windowMs: 60_000 });
 * if (!local.take(key, now) || !shared.allowed(key, now)) return 'limited';
 */
export class SharedLimit {
  readonly #store: RateStore;
  readonly #limit: number;
  readonly #windowMs: number;
  readonly #max: number;
  /** Keys over the limit → when their window ends. */
  #blocked = new Map<string, number>();

  constructor(options: { store: RateStore; limit: number; windowMs: number; max?: number }) {
    this.#store = options.store;
    this.#limit = options.limit;
    this.#windowMs = options.windowMs;
    this.#max = options.max ?? 100_000;
  }

  /** Whether `key` may go on now; counts the hit site-wide. Never throws, never waits. */
  allowed(key: string, now: number): boolean {
    const until = this.#blocked.get(key);
    if (until !== undefined) {
      if (now < until) return false;
      this.#blocked.delete(key);
    }
    this.#store.hit(key, this.#windowMs, now).then(
      (count) => {
        if (count <= this.#limit) return;
        if (this.#blocked.size >= this.#max) this.#blocked = new Map();
        this.#blocked.set(key, now - (now % this.#windowMs) + this.#windowMs);
      },
      () => {},
    );
    return true;
  }

  /** Keys refused at the moment (stats, tests). */
  get blocked(): number {
    return this.#blocked.size;
  }
}
