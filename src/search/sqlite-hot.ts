import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/index.js';

/**
 * A table of recent published documents. FTS5's bm25() first counts, for every query term, the
 * documents containing it across its whole table: on 100,000 news articles a common word costs
 * milliseconds before one row is ranked. Ranked windows (the newest matches) are therefore read
 * from the smallest recent table that holds enough matches, whose postings are short; only a
 * query with too few matches in all of them ranks on the full table, and then its terms are
 * mostly rare and cheap to count.
 *
 * Each table holds exactly the published documents whose sort key is at or above its floor
 * (stored in settings, so that every process agrees); queries read it at or above that floor.
 */
export interface RecentTier {
  readonly table: string;
  /** Documents it is trimmed back to. */
  readonly size: number;
  readonly floorKey: string;
}

/**
 * The recent tables, smallest first (migration 0003): about the last weeks of a busy newsroom,
 * and the last months, for queries narrowed by a filter or a date.
 */
export const RECENT_TIERS: readonly RecentTier[] = [
  { table: 'search_fts_recent', size: 5000, floorKey: 'search.recent_floor' },
  { table: 'search_fts_recent_large', size: 25_000, floorKey: 'search.recent_large_floor' },
];
/** A table is trimmed back to its size once it has grown this much (a fifth) past it. */
const SLACK = 0.2;
/** Published documents added between checks of the tables' sizes. */
export const CHECK_EVERY = 250;

/** The floors of `tiers`, in order: 0 for a table never trimmed. */
export async function recentFloors(db: Kysely<Database>, tiers: readonly RecentTier[]): Promise<number[]> {
  const rows = await db
    .selectFrom('settings')
    .select(['key', 'value'])
    .where(
      'key',
      'in',
      tiers.map((t) => t.floorKey),
    )
    .execute();
  return tiers.map((t) => Number(rows.find((r) => r.key === t.floorKey)?.value ?? 0));
}

/**
 * Raises a table's floor to its `size`-th newest published document once it has grown a fifth
 * past `size` (or at all, with `force`), and drops what falls below. Returns whether it trimmed.
 */
export async function trimRecent(db: Kysely<Database>, tier: RecentTier, force = false): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const [floor] = (await recentFloors(trx, [tier])) as [number];
    const held = await trx.selectFrom('search_docs').select((eb) => eb.fn.countAll<number>().as('n')).where('published', '=', 1).where('sort_key', '>=', floor).executeTakeFirstOrThrow();
    if (Number(held.n) <= tier.size * (force ? 1 : 1 + SLACK)) return false;
    const nth = await trx.selectFrom('search_docs').select('sort_key').where('published', '=', 1).orderBy('sort_key', 'desc').limit(1).offset(tier.size - 1).executeTakeFirst();
    if (!nth || nth.sort_key <= floor) return false;
    await sql`delete from ${sql.raw(tier.table)} where rowid >= ${floor} and rowid < ${nth.sort_key}`.execute(trx);
    const value = String(nth.sort_key);
    await trx
      .insertInto('settings')
      .values({ key: tier.floorKey, value })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
      .execute();
    return true;
  });
}
