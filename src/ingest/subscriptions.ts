import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import { AppError } from '../errors/index.js';
import type { Lease } from '../events/lease.js';
import { decodeBytes } from './decode.js';
import { parseFeed } from './feed.js';
import { ACCEPTED_TYPES, fetchSource, type FetchOptions } from './fetch.js';
import { ingestDb, type IngestDb } from './ingest.repo.js';
import type { Importer } from './importer.js';
import { messageOf } from './report.js';
import type { ImportReport } from './report.js';

/** A feed subscription as the CLI and admin list it. */
export interface Subscription {
  readonly id: number;
  readonly url: string;
  readonly section: string;
  readonly publish: boolean;
  readonly everyMinutes: number;
  readonly title: string;
  readonly failures: number;
  readonly lastError: string;
  readonly lastPolledAt: string | null;
  readonly nextPollAt: string;
}

/** Longest wait between polls of a failing feed. */
export const MAX_BACKOFF_MINUTES = 24 * 60;
/** How long a process may take over one poll before another may claim the feed again. */
const CLAIM_MS = 10 * 60_000;

/**
 * Feed subscriptions and their polling. A due feed is claimed with a conditional UPDATE (so
 * one process polls it even when several run the poller) and fetched with a conditional GET
 * (ETag / Last-Modified). A failing feed waits `every × 2^failures` minutes, at most a day,
 * and says why in `lastError`; one success resets it.
 */
export class Subscriptions {
  readonly #db: IngestDb;
  readonly #importer: Importer;
  readonly #now: () => Date;
  readonly #fetch: FetchOptions;
  constructor(deps: { db: Kysely<Database>; importer: Importer; now: () => Date; fetch?: FetchOptions }) {
    this.#db = ingestDb(deps.db);
    this.#importer = deps.importer;
    this.#now = deps.now;
    this.#fetch = deps.fetch ?? {};
  }

  /** Subscribes to a feed (or changes an existing subscription to the same URL); due at once. */
  async add(input: { url: string; section?: string | undefined; publish: boolean; everyMinutes: number }): Promise<Subscription> {
    const now = this.#now().toISOString();
    const values = { section: input.section ?? '', publish: input.publish ? 1 : 0, every_minutes: input.everyMinutes, next_poll_at: now };
    const found = await this.#db.selectFrom('feed_subscriptions').select('id').where('url', '=', input.url).executeTakeFirst();
    if (found) await this.#db.updateTable('feed_subscriptions').set(values).where('id', '=', found.id).execute();
    else await this.#db.insertInto('feed_subscriptions').values({ url: input.url, ...values, created_at: now }).execute();
    return (await this.list()).find((s) => s.url === input.url)!;
  }

  async list(): Promise<Subscription[]> {
    const rows = await this.#db.selectFrom('feed_subscriptions').selectAll().orderBy('id').execute();
    return rows.map((r) => ({
      id: r.id,
      url: r.url,
      section: r.section,
      publish: r.publish === 1,
      everyMinutes: r.every_minutes,
      title: r.title,
      failures: r.failures,
      lastError: r.last_error,
      lastPolledAt: r.last_polled_at,
      nextPollAt: r.next_poll_at,
    }));
  }

  /** Removes a subscription (what it imported stays). */
  async remove(id: number): Promise<void> {
    const res = await this.#db.deleteFrom('feed_subscriptions').where('id', '=', id).executeTakeFirst();
    if (Number(res.numDeletedRows) === 0) throw new AppError('JD_ERR_INGEST_SUBSCRIPTION_NOT_FOUND', { id });
  }

  /** Polls every due feed this process can claim; returns how many were polled. */
  async pollDue(): Promise<number> {
    const now = this.#now();
    const due = await this.#db.selectFrom('feed_subscriptions').select('id').where('next_poll_at', '<=', now.toISOString()).orderBy('next_poll_at').limit(20).execute();
    let polled = 0;
    for (const { id } of due) {
      if (!(await this.#claim(id, now))) continue;
      polled++;
      // The failure is recorded on the subscription (last error, back-off); the others go on.
      await this.poll(id).catch(() => undefined);
    }
    return polled;
  }

  /** Polls one feed now and records the outcome; the report is empty when nothing changed. */
  async poll(id: number): Promise<ImportReport> {
    const sub = await this.#db.selectFrom('feed_subscriptions').selectAll().where('id', '=', id).executeTakeFirst();
    if (!sub) throw new AppError('JD_ERR_INGEST_SUBSCRIPTION_NOT_FOUND', { id });
    const at = this.#now();
    try {
      const f = await fetchSource(sub.url, { ...this.#fetch, accept: ACCEPTED_TYPES.xml, etag: sub.etag, lastModified: sub.last_modified });
      let report: ImportReport = { items: [] };
      let title = sub.title;
      if (!f.notModified) {
        const parsed = parseFeed(decodeBytes(f.bytes, f.contentType).text);
        title = parsed.title;
        report = await this.#importer.importItems(parsed, { kind: 'rss', src: sub.url, section: sub.section || undefined, publish: sub.publish === 1, dryRun: false });
      }
      await this.#db
        .updateTable('feed_subscriptions')
        .set({ title, etag: f.etag, last_modified: f.lastModified, failures: 0, last_error: '', last_polled_at: at.toISOString(), next_poll_at: new Date(at.getTime() + sub.every_minutes * 60_000).toISOString(), leased_until: null })
        .where('id', '=', id)
        .execute();
      return report;
    } catch (err) {
      const failures = sub.failures + 1;
      const wait = Math.min(MAX_BACKOFF_MINUTES, sub.every_minutes * 2 ** Math.min(failures, 10));
      await this.#db
        .updateTable('feed_subscriptions')
        .set({ failures, last_error: messageOf(err).slice(0, 500), last_polled_at: at.toISOString(), next_poll_at: new Date(at.getTime() + wait * 60_000).toISOString(), leased_until: null })
        .where('id', '=', id)
        .execute();
      throw err;
    }
  }

  async #claim(id: number, now: Date): Promise<boolean> {
    const res = await this.#db
      .updateTable('feed_subscriptions')
      .set({ leased_until: new Date(now.getTime() + CLAIM_MS).toISOString() })
      .where('id', '=', id)
      .where('next_poll_at', '<=', now.toISOString())
      .where((eb) => eb.or([eb('leased_until', 'is', null), eb('leased_until', '<', now.toISOString())]))
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }
}

/**
 * Runs `pollDue` every `intervalMs` in the server, in the process holding the `feeds` lease
 * (src/events/lease.ts). Errors of one feed are recorded on it and reported to `onError`.
 */
export class FeedPoller {
  readonly #subs: Subscriptions;
  readonly #lease: Lease;
  readonly #intervalMs: number;
  readonly #onError: (err: unknown) => void;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;
  constructor(deps: { subscriptions: Subscriptions; lease: Lease; intervalMs?: number; onError: (err: unknown) => void }) {
    this.#subs = deps.subscriptions;
    this.#lease = deps.lease;
    this.#intervalMs = deps.intervalMs ?? 60_000;
    this.#onError = deps.onError;
  }

  start(): void {
    if (this.#timer) return;
    this.#timer = setInterval(() => void this.tick(), this.#intervalMs);
    this.#timer.unref();
  }

  /** One round (tests call it directly). */
  async tick(): Promise<void> {
    if (this.#running) return;
    this.#running = (async () => {
      try {
        if (await this.#lease.hold('feeds', this.#intervalMs * 2)) await this.#subs.pollDue();
      } catch (err) {
        this.#onError(err);
      } finally {
        this.#running = undefined;
      }
    })();
    await this.#running;
  }

  async stop(): Promise<void> {
    clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#running;
  }
}
