import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';

/**
 * Who runs a piece of singleton background work (the webhook dispatcher's poll, feed polling)
 * when several processes serve one site. A process asks before each run; the one that holds the
 * named lease keeps it by asking again before it expires, and another takes over within `ttlMs`
 * of the holder dying.
 *
 * The lease saves duplicate work; it is not what keeps work from being done twice. Every job it
 * guards also claims its rows in the database (webhook deliveries by claim token, scheduled
 * articles by a conditional UPDATE), so a process that runs while it should not, e.g. while
 * Redis is down, only repeats a cheap query.
 */
export interface Lease {
  /** Acquires or renews `name` for `ttlMs`; true when this process holds it now. */
  hold(name: string, ttlMs: number): Promise<boolean>;
  /** Gives up every lease this process holds (shutdown), so another takes over at once. */
  release(): Promise<void>;
}

/** One process alone (SQLite, no Redis): it holds every lease. */
export class LocalLease implements Lease {
  async hold(_name: string, _ttlMs: number): Promise<boolean> {
    return true;
  }
  async release(): Promise<void> {}
}

// Renew when the value is ours; else take it only if nobody holds it. Atomic in Redis.
const HOLD = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 1 end
return 0`;
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

/**
 * Leases in Redis: `SET key holder NX PX ttl`, renewed by the holder with a compare-and-expire
 * script. While Redis is down every process answers true for itself (see `Lease`: the work is
 * claimed in the database anyway), so background work never stops for a Redis outage.
 *
 * @example
 * const lease = new RedisLease({ redis, namespace });
 * if (await lease.hold('webhooks', 15_000)) dispatcher.kick();
 */
export class RedisLease implements Lease {
  readonly holder = randomBytes(8).toString('hex');
  readonly #redis: Redis;
  readonly #prefix: string;
  readonly #held = new Set<string>();

  constructor(deps: { redis: Redis; namespace: string }) {
    this.#redis = deps.redis;
    this.#prefix = `jiaodian:${deps.namespace}:lease:`;
  }

  async hold(name: string, ttlMs: number): Promise<boolean> {
    try {
      const got = (await this.#redis.eval(HOLD, 1, this.#prefix + name, this.holder, String(Math.max(1, Math.round(ttlMs))))) === 1;
      if (got) this.#held.add(name);
      else this.#held.delete(name);
      return got;
    } catch {
      return true;
    }
  }

  async release(): Promise<void> {
    const names = [...this.#held];
    this.#held.clear();
    await Promise.all(names.map((n) => this.#redis.eval(RELEASE, 1, this.#prefix + n, this.holder).catch(() => 0)));
  }
}
