import { AgingMap } from './beacon-limits.js';

/** Limits of the session tracker. */
export interface SessionLimits {
  /** A session unseen for this long ends (the page's script also starts a new id then). */
  readonly idleMs: number;
  /** Articles remembered per session: the de-duplication and pairing window. */
  readonly perSession: number;
  /** Most sessions held at once; under more, the least recently active are forgotten early. */
  readonly max: number;
}

/** What reading an article in a session means. */
export type SessionRead =
  | { readonly first: false }
  /** `earlier`: the session's earlier articles (at most `perSession - 1`), oldest first. */
  | { readonly first: true; readonly earlier: readonly number[] };

/**
 * Recent articles of each anonymous reading session, in memory only. Session ids are random
 * strings made by the page's script; they are never written anywhere and are forgotten after
 * `idleMs` to twice that of silence, or earlier when `max` sessions crowd them out.
 *
 * This is what de-duplicates views per session and article, and what co-visitation pairs come
 * from: two articles pair when one session read both, within its last `perSession` articles and
 * without a pause of `idleMs` (the window is the session itself). Each session is one small
 * array, `[last seen (s), ...article ids]`: with its key and map slot about 250 bytes, so 150,000
 * sessions take some 40 MB.
 *
 * @example
 * const read = sessions.read('k3J…', 42, Date.now());
 * if (read.first) for (const other of read.earlier) pairs.add(42, other);
 */
export class SessionTracker {
  readonly #limits: SessionLimits;
  readonly #sessions: AgingMap<number[]>;
  /** Seconds are counted from here so that they stay small integers (compact in V8). */
  #origin: number | undefined;

  constructor(limits: SessionLimits) {
    this.#limits = limits;
    this.#sessions = new AgingMap({ periodMs: limits.idleMs, max: limits.max });
  }

  /**
   * Records that session `id` read `articleId` at `now` (ms). A repeat within the session is not
   * a first read; a first read lists the session's earlier articles.
   */
  read(id: string, articleId: number, now: number): SessionRead {
    this.#origin ??= now;
    const seconds = Math.floor((now - this.#origin) / 1000);
    const s = this.#sessions.get(id, now);
    if (!s || (seconds - s[0]!) * 1000 >= this.#limits.idleMs) {
      // Most sessions read one article: an exact two-element array, never grown.
      this.#sessions.set(id, [seconds, articleId], now);
      return { first: true, earlier: [] };
    }
    s[0] = seconds;
    if (s.indexOf(articleId, 1) > 0) return { first: false };
    const earlier = s.slice(1);
    s.push(articleId);
    if (s.length > this.#limits.perSession + 1) s.splice(1, 1);
    return { first: true, earlier };
  }

  /** Sessions held (tests and stats). */
  get size(): number {
    return this.#sessions.size;
  }
}
