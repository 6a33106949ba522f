import { RateLimiter, RecentSet, type RateLimit } from './beacon-limits.js';
import { isBot } from './bots.js';
import { COVISIT_KEEP, COVISIT_PRUNE_BELOW, covisitScale, hourOf } from './covisit-math.js';
import type { CovisitRepo } from './covisit.repo.js';
import { IdSet } from './id-set.js';
import { AddressHasher } from './privacy.js';
import { ViewBuffer, type BufferLimits } from './views-buffer.js';
import { SessionTracker, type SessionLimits } from './views-sessions.js';
import type { ViewsRepo } from './views.repo.js';

/** One beacon as the HTTP layer hands it over, already validated. */
export interface Beacon {
  readonly articleId: number;
  /** The page's random session id; absent for the no-JS pixel or without sessionStorage. */
  readonly sessionId?: string | undefined;
  /** Client address; hashed at once, never kept as is. */
  readonly address: string;
  readonly userAgent: string | undefined;
  /** DNT: 1 or Sec-GPC: 1 (see privacy.ts). */
  readonly optedOut: boolean;
}

/** What became of a beacon. Only `counted` reaches the database. */
export type BeaconOutcome = 'counted' | 'duplicate' | 'bot' | 'opted-out' | 'limited' | 'unknown' | 'dropped';

/** Every bound of the ingestion, in one place. */
export interface IngestLimits {
  readonly rate: RateLimit;
  readonly sessions: SessionLimits;
  /** De-duplication window and size for beacons without a session (keyed by hashed address + user agent). */
  readonly visitors: { readonly ttlMs: number; readonly max: number };
  readonly buffer: BufferLimits;
  /** Flush period; a buffer half full by its bounds is flushed at once. */
  readonly flushMs: number;
  /** Maintenance period (hot decay, retention), shared by all processes. */
  readonly maintainMs: number;
  /**
   * How often this process trims the co-visit rows of the articles it added pairs to: often
   * enough that the table stays near its bound (top neighbours per article), which keeps the
   * flush's upserts in a small, cached B-tree.
   */
  readonly trimMs: number;
  /** Published ids are re-read this often, for articles published by other processes. */
  readonly refreshKnownMs: number;
  /** Articles trimmed to their top neighbours per trim run, at most. */
  readonly trimPerRun: number;
}

/**
 * Defaults: about 70 MB of maps at their fullest (measured: sessions ~40 MB, addresses ~20 MB,
 * session-less visitors ~10 MB), whatever the traffic.
 */
export const DEFAULT_LIMITS: IngestLimits = {
  // 60 at once, then one a second per address: far above a reader, far below a flood. Offices
  // and mobile carriers share addresses, hence the generous burst.
  rate: { burst: 60, refillMs: 1000, max: 100_000 },
  // At 150,000, sessions live their full 30 minutes up to ~80 new readers a second per process;
  // beyond that the oldest end early (fewer pairs, never more memory).
  // Ten articles per session: de-duplication within them, and at most nine pairs per view.
  sessions: { idleMs: 30 * 60_000, perSession: 10, max: 150_000 },
  // Only beacons without a session (the no-JS pixel) use this.
  visitors: { ttlMs: 30 * 60_000, max: 50_000 },
  buffer: { articles: 50_000, pairs: 200_000 },
  // Each flush is one transaction whose cost is mostly the B-tree pages it dirties, and popular
  // articles and pairs recur: at 1,000 beacons/s, flushing every 5 s instead of every second
  // took a third less time in SQL (a fifth of the commits). Editors see counts 5 s later.
  flushMs: 5000,
  maintainMs: 10 * 60_000,
  trimMs: 60_000,
  refreshKnownMs: 5 * 60_000,
  trimPerRun: 2000,
};

/** Dependencies of the ingestion. */
export interface ViewIngestDeps {
  readonly views: ViewsRepo;
  readonly covisit: CovisitRepo;
  /** Milliseconds since the epoch (tests pass a fake clock). */
  readonly clock: () => number;
  readonly hotHalfLifeHours: number;
  readonly limits?: Partial<IngestLimits>;
  /** Where a failed flush or maintenance is reported; the process carries on. */
  readonly warn?: (message: string, err: unknown) => void;
  /**
   * Asked before maintenance: false while another process holds its lease (src/events/lease.ts),
   * so that processes do not contend for the same rows. Default: always.
   */
  readonly mayMaintain?: () => Promise<boolean>;
  /**
   * The site-wide side of the flood limit when several processes serve the site (src/events/
   * rate-store.ts): asked with the client address after this process's own limiter; answers
   * at once. Absent: the limit is per process.
   */
  readonly shared?: { allowed(address: string, now: number): boolean };
}

/**
 * Beacon ingestion: decides on the request path, in memory only, whether a beacon counts (not
 * opted out, not a bot, under the address's rate, a published article, first in its session),
 * appends it to the bounded buffer and returns. A timer writes the buffer to the database in one
 * transaction every `flushMs`, and once more on `close`; no request ever waits for the database.
 *
 * Retention: nothing per view or per reader is stored. Sessions (random ids from the page) and
 * salted address hashes live in bounded memory, at most an hour after a reader's last beacon
 * (the salt itself changes every day). The database keeps hourly counts for 8 days, all-time
 * totals, a hot score decaying with the configured half-life, and co-visit weights decaying with
 * a 7-day half-life, pruned below 0.05 and trimmed to each article's 50 strongest neighbours.
 *
 * @example
 * const ingest = new ViewIngest({ views, covisit, clock: Date.now, hotHalfLifeHours: 6 });
 * await ingest.start();
 * ingest.record({ articleId: 42, sessionId, address: req.ip, userAgent, optedOut: false });
 * await ingest.close();
 */
export class ViewIngest {
  readonly #d: ViewIngestDeps;
  readonly #limits: IngestLimits;
  readonly #hasher: AddressHasher;
  readonly #limiter: RateLimiter;
  readonly #sessions: SessionTracker;
  readonly #visitors: RecentSet;
  readonly #buffer: ViewBuffer;
  #known = new IdSet();
  /** Articles whose co-visit rows grew since the last trim (bounded like everything else). */
  readonly #touched = new Set<number>();
  #timer: NodeJS.Timeout | undefined;
  /** Set by `start`: only a serving process runs periodic upkeep, never a CLI command's close. */
  #started = false;
  #flushing: Promise<void> | undefined;
  /** An early flush is queued or running (the buffer passed half its bounds). */
  #flushSoon = false;
  #lastMaintain = 0;
  #lastTrim = 0;
  #lastRefresh = 0;
  #closed = false;
  readonly #counts: Record<BeaconOutcome, number> = { counted: 0, duplicate: 0, bot: 0, 'opted-out': 0, limited: 0, unknown: 0, dropped: 0 };
  #flushed = 0;
  #flushErrors = 0;
  /** Views lost because a failed batch did not fit back, and pairs refused by a full buffer. */
  #lost = 0;
  #pairsDropped = 0;

  constructor(deps: ViewIngestDeps) {
    this.#d = deps;
    const l = (this.#limits = { ...DEFAULT_LIMITS, ...deps.limits });
    this.#hasher = new AddressHasher(deps.clock);
    this.#limiter = new RateLimiter(l.rate);
    this.#sessions = new SessionTracker(l.sessions);
    this.#visitors = new RecentSet(l.visitors);
    this.#buffer = new ViewBuffer(l.buffer);
  }

  /** Loads the published ids, runs maintenance if due and starts the flush timer (idempotent). */
  async start(): Promise<void> {
    await this.refreshKnown();
    if (this.#timer || this.#closed) return;
    this.#started = true;
    // Catch up at once: hot scores decay for the time the server was down.
    this.#lastMaintain = this.#d.clock();
    await this.maintain();
    this.#timer = setInterval(() => void this.flush(), this.#limits.flushMs);
    // The timer alone must not keep a CLI or test process alive; the server's socket does.
    this.#timer.unref();
  }

  /** Decides on one beacon. Never throws and never touches the database. */
  record(b: Beacon): BeaconOutcome {
    try {
      return this.#tally(this.#decide(b));
    } catch (err) {
      // A beacon is worth less than the request it rides on: never a 500 for one.
      this.#warn('views: a beacon could not be recorded', err);
      return this.#tally('dropped');
    }
  }

  #decide(b: Beacon): BeaconOutcome {
    if (b.optedOut) return 'opted-out';
    if (isBot(b.userAgent)) return 'bot';
    if (this.#closed) return 'dropped';
    const now = this.#d.clock();
    if (!this.#limiter.take(this.#hasher.hash(b.address), now)) return 'limited';
    if (this.#d.shared && !this.#d.shared.allowed(b.address, now)) return 'limited';
    const id = b.articleId;
    if (!this.#known.has(id)) return 'unknown';
    let earlier: readonly number[] = [];
    if (b.sessionId !== undefined) {
      const read = this.#sessions.read(b.sessionId, id, now);
      if (!read.first) return 'duplicate';
      earlier = read.earlier;
    } else {
      // No session (no-JS pixel, storage blocked): the same address and browser count an article
      // once. One hash of all three is the key: a short flat string, no address in it.
      if (!this.#visitors.add(this.#hasher.hash(`${b.address}\n${b.userAgent ?? ''}\n${id}`), now)) return 'duplicate';
    }
    if (!this.#buffer.view(id, hourOf(now))) return 'dropped';
    if (b.sessionId !== undefined) {
      if (!this.#buffer.pair(id, id)) this.#pairsDropped++;
      for (const other of earlier) if (!this.#buffer.pair(id, other)) this.#pairsDropped++;
    }
    if (this.#started && !this.#flushSoon && this.#buffer.fill >= 0.5) {
      // A burst would fill the buffer before the timer: flush now, after this request is answered.
      // Queued once until that flush is over: while one is still writing, the buffer refills past
      // half and every beacon would queue another call that only joins the flush in progress.
      this.#flushSoon = true;
      setImmediate(() => void this.flush().finally(() => (this.#flushSoon = false)));
    }
    return 'counted';
  }

  #tally(outcome: BeaconOutcome): BeaconOutcome {
    this.#counts[outcome]++;
    return outcome;
  }

  /** Keeps the published-id set current for this process's own saves (events). */
  articleChanged(articleId: number, published: boolean): void {
    if (published) this.#known.add(articleId);
    else this.#known.delete(articleId);
  }

  /** Re-reads the published ids (start, then every `refreshKnownMs` at flush time). */
  async refreshKnown(): Promise<void> {
    this.#lastRefresh = this.#d.clock();
    this.#known = new IdSet(await this.#d.views.publishedIds());
  }

  /**
   * Writes what is buffered in one transaction, then (in a started process) runs maintenance
   * and re-reads published ids when due. A failed write is reported and its views go back into
   * the buffer for the next try (as far as room allows). Concurrent calls share one flush.
   */
  flush(): Promise<void> {
    this.#flushing ??= this.#flushOnce().finally(() => (this.#flushing = undefined));
    return this.#flushing;
  }

  async #flushOnce(): Promise<void> {
    const batch = this.#buffer.take();
    if (batch.size > 0 || batch.pairs.size > 0) {
      try {
        const grown = await this.#d.views.flush(batch, new Date(this.#d.clock()));
        this.#flushed += batch.size;
        for (const id of grown) if (this.#touched.size < this.#limits.buffer.articles) this.#touched.add(id);
      } catch (err) {
        this.#flushErrors++;
        this.#warn('views: flush failed; keeping the views for the next try', err);
        this.#lost += this.#buffer.restore(batch);
      }
    }
    if (!this.#started) return;
    const now = this.#d.clock();
    if (now - this.#lastMaintain >= this.#limits.maintainMs) {
      this.#lastMaintain = now;
      await this.maintain();
    } else if (now - this.#lastTrim >= this.#limits.trimMs) {
      await this.#trim();
    }
    if (now - this.#lastRefresh >= this.#limits.refreshKnownMs && !this.#closed) {
      await this.refreshKnown().catch((err) => this.#warn('views: could not re-read published articles', err));
    }
  }

  /** Maintenance now (if no process did it within `maintainMs`) and a bounded trim of grown lists. */
  async maintain(): Promise<void> {
    try {
      if (!this.#d.mayMaintain || (await this.#d.mayMaintain())) await this.#d.views.maintain(new Date(this.#d.clock()), { everyMs: this.#limits.maintainMs, hotHalfLifeHours: this.#d.hotHalfLifeHours });
    } catch (err) {
      this.#warn('views: maintenance failed; it will run again later', err);
    }
    await this.#trim();
  }

  /** Trims up to `trimPerRun` articles that gained pairs to their top neighbours, dropping faded pairs. */
  async #trim(): Promise<void> {
    this.#lastTrim = this.#d.clock();
    const ids = [...this.#touched].slice(0, this.#limits.trimPerRun);
    for (const id of ids) this.#touched.delete(id);
    try {
      await this.#d.covisit.trim(ids, COVISIT_KEEP, COVISIT_PRUNE_BELOW * covisitScale(this.#d.clock()));
    } catch (err) {
      this.#warn('views: trimming co-visits failed; it will run again later', err);
    }
  }

  /** Stops the timer and writes what is left. Beacons after this are dropped. */
  async close(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    this.#closed = true;
    await this.flush();
  }

  /** What happened to beacons since start, what waits, and the size of the in-memory maps. */
  stats() {
    return {
      ...this.#counts,
      lost: this.#lost,
      pairsDropped: this.#pairsDropped,
      pending: this.#buffer.size,
      flushed: this.#flushed,
      flushErrors: this.#flushErrors,
      sessions: this.#sessions.size,
      addresses: this.#limiter.size,
    };
  }

  #warn(message: string, err: unknown): void {
    (this.#d.warn ?? ((m: string, e: unknown) => process.emitWarning(`${m}: ${String((e as Error)?.message ?? e)}`)))(message, err);
  }
}
