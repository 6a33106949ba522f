import { sql, type Kysely } from 'kysely';
import type { Database, TagRow } from '../db/index.js';
import { prepareQuery } from '../db/prepared.js';

/** A tag with how many published articles carry it. */
export interface TagCountRow extends TagRow {
  readonly count: number;
}

/** SQL for tags and article–tag links. */
export class TagRepo {
  readonly #db: Kysely<Database>;
  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  bySlug(slug: string): Promise<TagRow | undefined> {
    return this.#db.selectFrom('tags').selectAll().where('slug', '=', slug).executeTakeFirst();
  }

  byName(name: string): Promise<TagRow | undefined> {
    return this.#db.selectFrom('tags').selectAll().where('name', '=', name).executeTakeFirst();
  }

  async insert(slug: string, name: string, now: string): Promise<number> {
    const row = await this.#db.insertInto('tags').values({ slug, name, description: '', created_at: now }).returning('id').executeTakeFirstOrThrow();
    return row.id;
  }

  /**
   * Tags with their published-article counts, most used first. A count is all of a tag's links
   * less those of unpublished articles: joining every link to its article to test the status
   * took over a second on 100,000 articles (a primary-key lookup per link), while counting
   * links reads one covering index and the unpublished articles are few.
   */
  withCounts(limit: number, offset: number): Promise<TagCountRow[]> {
    const db = this.#db;
    const links = db.selectFrom('article_tags').select('tag_id').select((eb) => eb.fn.countAll<number>().as('n')).groupBy('tag_id');
    const unpublished = db.selectFrom('articles').select('id').where('status', '<>', 'published');
    return db
      .selectFrom('tags')
      .leftJoin(links.as('l'), 'l.tag_id', 'tags.id')
      .leftJoin(links.where('article_id', 'in', unpublished).as('u'), 'u.tag_id', 'tags.id')
      .selectAll('tags')
      .select(sql<number>`coalesce(l.n, 0) - coalesce(u.n, 0)`.as('count'))
      .orderBy('count', 'desc')
      .orderBy('tags.id')
      .limit(limit)
      .offset(offset)
      .execute();
  }

  async countAll(): Promise<number> {
    const row = await this.#db.selectFrom('tags').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  // Pages run this every time: built once (see prepareQuery).
  static readonly #forArticles = prepareQuery((db: Kysely<Database>, p: { ids: readonly number[] }) =>
    db
      .selectFrom('article_tags')
      .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
      .selectAll('tags')
      .select('article_tags.article_id')
      .where('article_tags.article_id', 'in', p.ids)
      .orderBy('article_tags.article_id')
      .orderBy('article_tags.position'),
  );
  /** Tags of many articles at once, in each article's order. */
  async forArticles(ids: readonly number[]): Promise<Array<TagRow & { article_id: number }>> {
    if (ids.length === 0) return [];
    return TagRepo.#forArticles.execute(this.#db, { ids });
  }

  async setForArticle(articleId: number, tagIds: readonly number[]): Promise<void> {
    await this.#db.deleteFrom('article_tags').where('article_id', '=', articleId).execute();
    if (tagIds.length === 0) return;
    await this.#db
      .insertInto('article_tags')
      .values(tagIds.map((tag_id, position) => ({ article_id: articleId, tag_id, position })))
      .execute();
  }
}
