import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/index.js';
import { covisitScale, hotDecay, hourOf } from './covisit-math.js';
import type { ViewBatch } from './views-buffer.js';
import { CHUNK, UpsertStatements } from './views-sql.js';

/** Hours of `view_hours` kept: 7 days of counts plus a day of margin. */
export const VIEW_HOURS_KEPT = 8 * 24;

/** Settings row that records the last maintenance, so that several processes run it once. */
const MAINTAINED_KEY = 'views.maintained_at';

/** Views of one article: all-time, the last 24 hourly buckets and the last 7 days. */
export interface ViewCounts {
  readonly total: number;
  readonly last24h: number;
  readonly last7d: number;
}

type Db = Kysely<Database> | Transaction<Database>;

/**
 * SQL of reading counts: the batched flush, maintenance (decay, retention, pruning) and the
 * counts editors see. Upserts use `ON CONFLICT … DO UPDATE`, which SQLite and PostgreSQL share.
 */
export class ViewsRepo {
  readonly #db: Kysely<Database>;
  readonly #upserts = new UpsertStatements();
  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  /** Ids of every published article: what beacons may count. */
  async publishedIds(): Promise<number[]> {
    const rows = await this.#db.selectFrom('articles').select('id').where('status', '=', 'published').execute();
    return rows.map((r) => r.id);
  }

  /**
   * Writes one batch in one transaction: hourly counts, totals and hot scores, and co-visit
   * weights in both directions. Articles deleted since the beacon arrived are skipped rather
   * than failing the batch. Returns the articles whose co-visit rows grew (to trim later).
   */
  async flush(batch: ViewBatch, now: Date): Promise<number[]> {
    const ids = new Set<number>();
    for (const byArticle of batch.views.values()) for (const id of byArticle.keys()) ids.add(id);
    for (const [lo, row] of batch.pairs) {
      ids.add(lo);
      for (const hi of row.keys()) ids.add(hi);
    }
    if (ids.size === 0) return [];
    return this.#db.transaction().execute(async (trx) => {
      const live = await existing(trx, [...ids]);
      const hours: Array<{ article_id: number; hour: number; views: number }> = [];
      const totals = new Map<number, number>();
      for (const [hour, byArticle] of batch.views) {
        for (const [id, n] of byArticle) {
          if (!live.has(id)) continue;
          hours.push({ article_id: id, hour, views: n });
          totals.set(id, (totals.get(id) ?? 0) + n);
        }
      }
      const scale = covisitScale(now.getTime());
      const pairs: Array<{ article_id: number; other_id: number; weight: number }> = [];
      const grown = new Set<number>();
      for (const [lo, row] of batch.pairs) {
        if (!live.has(lo)) continue;
        for (const [hi, n] of row) {
          if (!live.has(hi)) continue;
          pairs.push({ article_id: lo, other_id: hi, weight: n * scale });
          if (hi !== lo) {
            pairs.push({ article_id: hi, other_id: lo, weight: n * scale });
            grown.add(lo).add(hi);
          }
        }
      }
      // In key order: SQLite then walks each B-tree once from left to right instead of jumping
      // about it (70,000 co-visit rows went into a 785,000-row table in 85-100 ms sorted, 170-310
      // unsorted, for 13 ms of sorting), and PostgreSQL processes flushing at once take row locks
      // in the same order, so they wait for each other rather than deadlock.
      hours.sort((x, y) => x.article_id - y.article_id || x.hour - y.hour);
      pairs.sort((x, y) => x.article_id - y.article_id || x.other_id - y.other_id);
      const totalRows = [...totals].sort((x, y) => x[0] - y[0]).map(([article_id, n]) => ({ article_id, views: n, hot: n }));
      await this.#upserts.run(trx, 'hours', hours, (chunk) =>
        trx
          .insertInto('view_hours')
          .values(chunk)
          .onConflict((oc) => oc.columns(['article_id', 'hour']).doUpdateSet((eb) => ({ views: eb('view_hours.views', '+', eb.ref('excluded.views')) }))),
      );
      await this.#upserts.run(trx, 'totals', totalRows, (chunk) =>
        trx
          .insertInto('view_totals')
          .values(chunk)
          .onConflict((oc) =>
            oc.column('article_id').doUpdateSet((eb) => ({ views: eb('view_totals.views', '+', eb.ref('excluded.views')), hot: eb('view_totals.hot', '+', eb.ref('excluded.hot')) })),
          ),
      );
      await this.#upserts.run(trx, 'pairs', pairs, (chunk) =>
        trx
          .insertInto('covisit_pairs')
          .values(chunk)
          .onConflict((oc) => oc.columns(['article_id', 'other_id']).doUpdateSet((eb) => ({ weight: eb('covisit_pairs.weight', '+', eb.ref('excluded.weight')) }))),
      );
      return [...grown];
    });
  }

  /**
   * Periodic upkeep, at most once per `everyMs` across all processes (a compare-and-set on a
   * settings row decides who runs it): decays hot scores for the time elapsed and deletes hourly
   * counts older than `VIEW_HOURS_KEPT`. (Co-visit pairs are pruned per article as they grow,
   * see CovisitRepo.trim.) Returns whether it ran.
   */
  async maintain(now: Date, options: { everyMs: number; hotHalfLifeHours: number }): Promise<boolean> {
    const nowIso = now.toISOString();
    return this.#db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('settings').select('value').where('key', '=', MAINTAINED_KEY).executeTakeFirst();
      if (!row) {
        await trx.insertInto('settings').values({ key: MAINTAINED_KEY, value: nowIso }).onConflict((oc) => oc.column('key').doNothing()).execute();
        return false;
      }
      const elapsed = now.getTime() - Date.parse(row.value);
      if (!(elapsed >= options.everyMs)) return false;
      const won = await trx.updateTable('settings').set({ value: nowIso }).where('key', '=', MAINTAINED_KEY).where('value', '=', row.value).executeTakeFirst();
      if (Number(won.numUpdatedRows) !== 1) return false;
      const factor = hotDecay(elapsed, options.hotHalfLifeHours);
      await trx.updateTable('view_totals').set((eb) => ({ hot: eb('hot', '*', factor) })).where('hot', '>', 0).execute();
      // Faded scores become exactly 0, so the "hot > 0" set stays the recently read articles.
      await trx.updateTable('view_totals').set({ hot: 0 }).where('hot', '>', 0).where('hot', '<', 0.01).execute();
      await trx.deleteFrom('view_hours').where('hour', '<=', hourOf(now.getTime()) - VIEW_HOURS_KEPT).execute();
      return true;
    });
  }

  /** Counts of each of `ids` (articles without views get zeros). */
  async counts(ids: readonly number[], now: Date): Promise<Map<number, ViewCounts>> {
    const out = new Map<number, ViewCounts>(ids.map((id) => [id, { total: 0, last24h: 0, last7d: 0 }]));
    if (ids.length === 0) return out;
    const hour = hourOf(now.getTime());
    const [totals, recent] = await Promise.all([
      this.#db.selectFrom('view_totals').select(['article_id', 'views']).where('article_id', 'in', ids).execute(),
      this.#db
        .selectFrom('view_hours')
        .select((eb) => [
          'article_id',
          eb.fn.sum<number>(eb.case().when('hour', '>', hour - 24).then(eb.ref('views')).else(0).end()).as('d1'),
          eb.fn.sum<number>('views').as('d7'),
        ])
        .where('article_id', 'in', ids)
        .where('hour', '>', hour - 24 * 7)
        .groupBy('article_id')
        .execute(),
    ]);
    for (const t of totals) out.set(t.article_id, { ...out.get(t.article_id)!, total: Number(t.views) });
    for (const r of recent) out.set(r.article_id, { ...out.get(r.article_id)!, last24h: Number(r.d1), last7d: Number(r.d7) });
    return out;
  }

  /**
   * The most read published articles: over the last `days` days (1–7, from hourly counts) or of
   * all time (`days` undefined), optionally within some sections; most views first.
   */
  async top(options: { days?: number; sectionIds?: readonly number[]; limit: number }, now: Date): Promise<Array<{ articleId: number; views: number }>> {
    const { days, sectionIds, limit } = options;
    if (sectionIds && sectionIds.length === 0) return [];
    const rows =
      days === undefined
        ? await this.#db
            .selectFrom('view_totals as t')
            .innerJoin('articles as a', 'a.id', 't.article_id')
            .select(['t.article_id', 't.views as n'])
            .where('a.status', '=', 'published')
            .$if(sectionIds !== undefined, (q) => q.where('a.section_id', 'in', sectionIds!))
            .orderBy('t.views', 'desc')
            .orderBy('t.article_id', 'desc')
            .limit(limit)
            .execute()
        : await this.#db
            .selectFrom('view_hours as h')
            .innerJoin('articles as a', 'a.id', 'h.article_id')
            .select((eb) => ['h.article_id', eb.fn.sum<number>('h.views').as('n')])
            .where('h.hour', '>', hourOf(now.getTime()) - 24 * days)
            .where('a.status', '=', 'published')
            .$if(sectionIds !== undefined, (q) => q.where('a.section_id', 'in', sectionIds!))
            .groupBy('h.article_id')
            .orderBy('n', 'desc')
            .orderBy('h.article_id', 'desc')
            .limit(limit)
            .execute();
    return rows.map((r) => ({ articleId: r.article_id, views: Number(r.n) }));
  }
}

async function existing(db: Db, ids: readonly number[]): Promise<Set<number>> {
  const out = new Set<number>();
  for (const chunk of chunks(ids)) {
    for (const r of await db.selectFrom('articles').select('id').where('id', 'in', chunk).execute()) out.add(r.id);
  }
  return out;
}

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}
