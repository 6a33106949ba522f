import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/index.js';

/** A pick as stored, with its article's flag and status. */
export interface PickRow {
  readonly articleId: number;
  readonly position: number | null;
  readonly expiresAt: string | null;
  readonly featured: boolean;
  readonly status: string;
}

/** SQL of 精彩推薦 picks: the featured flag on articles plus order and expiry in `featured_picks`. */
export class FeaturedRepo {
  readonly #db: Kysely<Database>;
  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async articleExists(id: number): Promise<boolean> {
    return (await this.#db.selectFrom('articles').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
  }

  async upsert(articleId: number, position: number, expiresAt: string | null, now: string): Promise<void> {
    await this.#db
      .insertInto('featured_picks')
      .values({ article_id: articleId, position, expires_at: expiresAt, created_at: now, updated_at: now })
      .onConflict((oc) => oc.column('article_id').doUpdateSet({ position, expires_at: expiresAt, updated_at: now }))
      .execute();
  }

  async remove(articleId: number): Promise<boolean> {
    const res = await this.#db.deleteFrom('featured_picks').where('article_id', '=', articleId).executeTakeFirst();
    return Number(res.numDeletedRows) > 0;
  }

  /**
   * Published, flagged and unexpired picks in the editors' order: placed ones by position, then
   * flagged articles without a place, newest first.
   */
  async active(now: string, limit: number): Promise<number[]> {
    const rows = await this.#db
      .selectFrom('articles as a')
      .leftJoin('featured_picks as p', 'p.article_id', 'a.id')
      .select('a.id')
      .where('a.status', '=', 'published')
      .where('a.is_featured', '=', 1)
      .where((eb) => eb.or([eb('p.expires_at', 'is', null), eb('p.expires_at', '>', now)]))
      .orderBy(sql`case when p.position is null then 1 else 0 end`)
      .orderBy('p.position', 'asc')
      .orderBy('a.published_at', 'desc')
      .orderBy('a.id', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => r.id);
  }

  /** Every stored pick with its article's flag and status, for the newsroom. */
  async all(): Promise<PickRow[]> {
    const rows = await this.#db
      .selectFrom('featured_picks as p')
      .innerJoin('articles as a', 'a.id', 'p.article_id')
      .select(['p.article_id', 'p.position', 'p.expires_at', 'a.is_featured', 'a.status'])
      .orderBy('p.position', 'asc')
      .orderBy('p.article_id', 'asc')
      .execute();
    return rows.map((r) => ({ articleId: r.article_id, position: r.position, expiresAt: r.expires_at, featured: r.is_featured === 1, status: r.status }));
  }
}
