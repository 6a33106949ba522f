import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/index.js';

/**
 * How many of the newest published documents the small "recent" FTS5 table holds. FTS5's bm25()
 * first counts, for every query term, the documents containing it across the whole table: on
 * 100,000 news articles a common word costs milliseconds before one row is ranked. Ranked
 * windows (the newest matches) are therefore read from this table, whose postings are short;
 * only when it holds too few matches does a query fall back to the full table, and then its
 * terms are rare and cheap to count anyway.
 */
export const HOT_SIZE = 5000;
/** The table is trimmed back to its size once it has grown this much (a fifth) past it. */
const SLACK = 0.2;
/** Documents added between checks of the table's size. */
export const CHECK_EVERY = 250;
/** The settings row holding the floor: every published document keyed at or above it is in the table. */
const FLOOR_KEY = 'search.recent_floor';

/** The FTS5 table of recent published documents (migration 0003). */
export const RECENT_TABLE = 'search_fts_recent';

/**
 * The recent table's floor. The table holds exactly the published documents whose sort key
 * is at or above it (plus none below it that matter: queries only read at or above it).
 */
export async function recentFloor(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', FLOOR_KEY).executeTakeFirst();
  return row ? Number(row.value) : 0;
}

/**
 * Raises the floor to the `size`-th newest published document once the table has grown a
 * fifth past `size` (or at all, with `force`), and drops what falls below it. Returns whether
 * it trimmed.
 */
export async function trimRecent(db: Kysely<Database>, size = HOT_SIZE, force = false): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const floor = await recentFloor(trx);
    const held = await trx.selectFrom('search_docs').select((eb) => eb.fn.countAll<number>().as('n')).where('published', '=', 1).where('sort_key', '>=', floor).executeTakeFirstOrThrow();
    if (Number(held.n) <= size * (force ? 1 : 1 + SLACK)) return false;
    const nth = await trx.selectFrom('search_docs').select('sort_key').where('published', '=', 1).orderBy('sort_key', 'desc').limit(1).offset(size - 1).executeTakeFirst();
    if (!nth || nth.sort_key <= floor) return false;
    await sql`delete from ${sql.raw(RECENT_TABLE)} where rowid >= ${floor} and rowid < ${nth.sort_key}`.execute(trx);
    const value = String(nth.sort_key);
    await trx
      .insertInto('settings')
      .values({ key: FLOOR_KEY, value })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
      .execute();
    return true;
  });
}
