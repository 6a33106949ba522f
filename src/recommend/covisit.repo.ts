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

  // Pages run this every time: built once (see prepareQuery). Each row brings the other
  // article's self row (its session reads) through the primary key, so one query gives the
  // whole neighbourhood; the article's own self row is among the rows read.
  static readonly #neighbourhood = prepareQuery((db: Kysely<Database>, p: { articleId: number; limit: number }) =>
    db
      .selectFrom('covisit_pairs as p')
      .leftJoin('covisit_pairs as s', (j) => j.onRef('s.article_id', '=', 'p.other_id').onRef('s.other_id', '=', 'p.other_id'))
      .select(['p.other_id', 'p.weight', 's.weight as reads'])
      .where('p.article_id', '=', p.articleId)
      .limit(p.limit),
  );

  /**
   * The strongest co-visited articles of `articleId`, strongest first (time-scaled weights),
   * each with its session reads (its self row's weight; null when it has none yet), and the
   * article's own session reads. Read through the primary key's article_id prefix and ranked
   * here, with no index on weight to keep the flush's writes cheap: trimming keeps an article
   * to a few dozen rows. Between trims an article may hold more; at most `READ_CAP` rows are
   * read, so a page never pays for that, and the list is exact again after the next trim
   * (within a minute).
   */
  async neighbourhood(articleId: number, limit: number): Promise<{ reads: number; pairs: Array<{ otherId: number; weight: number; reads: number | null }> }> {
    const rows = await CovisitRepo.#neighbourhood.execute(this.#db, { articleId, limit: READ_CAP });
    let reads = 0;
    const pairs: Array<{ otherId: number; weight: number; reads: number | null }> = [];
    for (const r of rows) {
      if (r.other_id === articleId) reads = Number(r.weight);
      else pairs.push({ otherId: r.other_id, weight: Number(r.weight), reads: r.reads === null ? null : Number(r.reads) });
    }
    pairs.sort((a, b) => b.weight - a.weight || b.otherId - a.otherId);
    return { reads, pairs: pairs.slice(0, limit) };
  }

  /**
   * For each of `ids`: deletes its pairs that faded below `fadedBelow` and keeps its `keep`
   * strongest neighbours, never its self row unless faded too. Ties at the cut are broken as
   * `neighbourhood` ranks them (the higher id first), so exactly `keep` stay: co-visits added in
   * one flush share a weight, and keeping every tie left a popular article thousands of pairs,
   * each read by its pages (up to `READ_CAP`, 0.4 ms a page where 50 rows take 0.05). A few
   * statements per article, so the work is bounded by how many articles grew since last time.
   */
  async trim(ids: readonly number[], keep: number, fadedBelow: number): Promise<void> {
    for (const id of ids) {
      await this.#db.deleteFrom('covisit_pairs').where('article_id', '=', id).where('weight', '<', fadedBelow).execute();
      await sql`delete from covisit_pairs where article_id = ${id} and other_id <> ${id} and (weight, other_id) < (
        select weight, other_id from covisit_pairs where article_id = ${id} and other_id <> ${id}
        order by weight desc, other_id desc limit 1 offset ${keep - 1})`.execute(this.#db);
    }
  }
}
