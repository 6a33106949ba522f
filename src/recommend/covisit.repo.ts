import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import { prepareQuery } from '../db/prepared.js';

/** Rows of one article read at most per page (see `neighbours`). */
const READ_CAP = 500;

/** SQL of co-visitation: an article's neighbours, session-read weights and the top-N trim. */
export class CovisitRepo {
  readonly #db: Kysely<Database>;
  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  // Pages run this every time: built once (see prepareQuery).
  static readonly #neighbours = prepareQuery((db: Kysely<Database>, p: { articleId: number; limit: number }) =>
    db.selectFrom('covisit_pairs').select(['other_id', 'weight']).where('article_id', '=', p.articleId).limit(p.limit),
  );
  // Every page with co-visits runs this too, with a list of up to 51 ids.
  static readonly #sessionReads = prepareQuery((db: Kysely<Database>, p: { ids: readonly number[] }) =>
    db.selectFrom('covisit_pairs').select(['article_id', 'weight']).where('article_id', 'in', p.ids).whereRef('other_id', '=', 'article_id'),
  );
  /**
   * The strongest co-visited articles of `articleId`, strongest first (time-scaled weights). Read
   * through the primary key's article_id prefix and ranked here, with no index on weight to
   * keep the flush's writes cheap: trimming keeps an article to a few dozen rows. Between trims
   * an article may hold more; at most `READ_CAP` rows are read, so a page never pays for that,
   * and the list is exact again after the next trim (within a minute).
   */
  async neighbours(articleId: number, limit: number): Promise<Array<{ otherId: number; weight: number }>> {
    const rows = await CovisitRepo.#neighbours.execute(this.#db, { articleId, limit: READ_CAP });
    return rows
      .filter((r) => r.other_id !== articleId)
      .map((r) => ({ otherId: r.other_id, weight: Number(r.weight) }))
      .sort((a, b) => b.weight - a.weight || b.otherId - a.otherId)
      .slice(0, limit);
  }

  /** Time-scaled count of the sessions that read each of `ids` (the self rows). */
  async sessionReads(ids: readonly number[]): Promise<Map<number, number>> {
    if (ids.length === 0) return new Map();
    const rows = await CovisitRepo.#sessionReads.execute(this.#db, { ids });
    return new Map(rows.map((r) => [r.article_id, Number(r.weight)]));
  }

  /**
   * For each of `ids`: deletes its pairs that faded below `fadedBelow` and keeps its `keep`
   * strongest neighbours (ties at the cut stay), never its self row unless faded too. A few
   * statements per article, so the work is bounded by how many articles grew since last time.
   */
  async trim(ids: readonly number[], keep: number, fadedBelow: number): Promise<void> {
    for (const id of ids) {
      await this.#db.deleteFrom('covisit_pairs').where('article_id', '=', id).where('weight', '<', fadedBelow).execute();
      await sql`delete from covisit_pairs where article_id = ${id} and other_id <> ${id} and weight < (
        select weight from covisit_pairs where article_id = ${id} and other_id <> ${id} order by weight desc limit 1 offset ${keep - 1})`.execute(this.#db);
    }
  }
}
