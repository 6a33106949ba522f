import type { Kysely } from 'kysely';
import type { ArticleRow, Database } from '../db/index.js';

/**
 * SQL of what is read most right now: the hot ranking (views decayed by the configured
 * half-life, `view_totals.hot`) and whole article rows for the few ids a block shows.
 */
export class PopularRepo {
  readonly #db: Kysely<Database>;
  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  /** Published articles with a hot score, hottest first, optionally within some sections. */
  async hot(options: { sectionIds?: readonly number[]; limit: number }): Promise<Array<{ articleId: number; hot: number }>> {
    const { sectionIds, limit } = options;
    if (sectionIds && sectionIds.length === 0) return [];
    const rows = await this.#db
      .selectFrom('view_totals as t')
      .innerJoin('articles as a', 'a.id', 't.article_id')
      .select(['t.article_id', 't.hot'])
      .where('t.hot', '>', 0)
      .where('a.status', '=', 'published')
      .$if(sectionIds !== undefined, (q) => q.where('a.section_id', 'in', sectionIds!))
      .orderBy('t.hot', 'desc')
      .orderBy('t.article_id', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ articleId: r.article_id, hot: Number(r.hot) }));
  }

  /** Published rows among `ids`, in the order of `ids`. */
  async publishedRows(ids: readonly number[]): Promise<ArticleRow[]> {
    if (ids.length === 0) return [];
    const rows = await this.#db.selectFrom('articles').selectAll().where('id', 'in', ids).where('status', '=', 'published').execute();
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id)).filter((r): r is ArticleRow => r !== undefined);
  }
}
