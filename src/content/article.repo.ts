import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { ArticleRow, ArticleRowUpdate, Database, NewArticleRow } from '../db/index.js';

/** Which published articles a listing wants. Every field narrows the set. */
export interface PublishedFilter {
  readonly sectionIds?: readonly number[];
  readonly tagId?: number;
  readonly authorId?: number;
  /** Inclusive lower bound on the publish time (ISO). */
  readonly from?: string;
  /** Exclusive upper bound on the publish time (ISO). */
  readonly to?: string;
  readonly excludeIds?: readonly number[];
  readonly flag?: 'is_headline' | 'is_featured' | 'is_slideshow';
}

type Q = SelectQueryBuilder<Database, 'articles', object>;

/** A published article's URL parts and dates, without its text. */
export type ArticleRefRow = Pick<ArticleRow, 'id' | 'slug' | 'section_id' | 'published_at' | 'updated_at'>;

/** SQL for articles: the only place this feature talks to the database about them. */
export class ArticleRepo {
  readonly #db: Kysely<Database>;
  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async insert(row: NewArticleRow): Promise<number> {
    const out = await this.#db.insertInto('articles').values(row).returning('id').executeTakeFirstOrThrow();
    return out.id;
  }

  /**
   * Updates an article only if it still has `version`; returns false when someone else saved
   * first (optimistic locking).
   */
  async updateIfVersion(id: number, version: number, patch: ArticleRowUpdate): Promise<boolean> {
    const res = await this.#db
      .updateTable('articles')
      .set({ ...patch, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  byId(id: number): Promise<ArticleRow | undefined> {
    return this.#db.selectFrom('articles').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Published articles, newest first (or oldest first with `order` asc). */
  listPublished(filter: PublishedFilter, limit: number, offset = 0, order: 'asc' | 'desc' = 'desc'): Promise<ArticleRow[]> {
    return this.#published(filter)
      .selectAll('articles')
      .orderBy('articles.published_at', order)
      .orderBy('articles.id', order)
      .limit(limit)
      .offset(offset)
      .execute();
  }

  /**
   * A page of published articles' ids, URL parts and dates, oldest first (sitemaps). Only these
   * columns are read, never bodies; ordering by the (status, published_at) index keeps a deep
   * offset an index walk. Oldest first means new articles land on the last page and earlier
   * pages stay as they were.
   */
  listPublishedRefs(limit: number, offset: number): Promise<ArticleRefRow[]> {
    return this.#published({})
      .select(['articles.id', 'articles.slug', 'articles.section_id', 'articles.published_at', 'articles.updated_at'])
      .orderBy('articles.published_at', 'asc')
      .orderBy('articles.id', 'asc')
      .limit(limit)
      .offset(offset)
      .execute();
  }

  async countPublished(filter: PublishedFilter): Promise<number> {
    const row = await this.#published(filter)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /**
   * Published articles that share tags or the section with an article, most shared tags first,
   * then same section, then newest.
   */
  related(article: { id: number; section_id: number }, tagIds: readonly number[], limit: number, excludeIds: readonly number[] = []): Promise<ArticleRow[]> {
    const shared =
      tagIds.length > 0
        ? sql<number>`(select count(*) from article_tags at where at.article_id = articles.id and at.tag_id in (${sql.join(tagIds)}))`
        : sql<number>`0`;
    const sameSection = sql<number>`case when articles.section_id = ${article.section_id} then 1 else 0 end`;
    return this.#published({ excludeIds: [article.id, ...excludeIds] })
      .where((eb) =>
        tagIds.length > 0
          ? eb.or([
              eb('articles.section_id', '=', article.section_id),
              eb('articles.id', 'in', eb.selectFrom('article_tags').select('article_id').where('tag_id', 'in', tagIds)),
            ])
          : eb('articles.section_id', '=', article.section_id),
      )
      .selectAll('articles')
      .orderBy(shared, 'desc')
      .orderBy(sameSection, 'desc')
      .orderBy('articles.published_at', 'desc')
      .limit(limit)
      .execute();
  }

  /**
   * Published articles whose title, summary or body contain every term (any of its forms),
   * newest first.
   */
  searchText(terms: ReadonlyArray<readonly string[]>, limit: number, offset: number): Promise<ArticleRow[]> {
    return this.#matching(terms).selectAll('articles').orderBy('articles.published_at', 'desc').limit(limit).offset(offset).execute();
  }

  async countSearchText(terms: ReadonlyArray<readonly string[]>): Promise<number> {
    const row = await this.#matching(terms)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  #matching(terms: ReadonlyArray<readonly string[]>): Q {
    let q = this.#published({});
    for (const forms of terms) {
      // LIKE wildcards in the user's text are matched literally.
      const patterns = forms.map((f) => `%${f.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      q = q.where((eb) =>
        eb.or(
          patterns.flatMap((pattern) => [
            eb(sql`articles.title`, 'like', sql`${pattern} escape '\\'`),
            eb(sql`articles.summary`, 'like', sql`${pattern} escape '\\'`),
            eb(sql`articles.body_html`, 'like', sql`${pattern} escape '\\'`),
          ]),
        ),
      );
    }
    return q;
  }

  #published(f: PublishedFilter): Q {
    let q: Q = this.#db.selectFrom('articles').where('articles.status', '=', 'published');
    if (f.sectionIds) q = f.sectionIds.length > 0 ? q.where('articles.section_id', 'in', f.sectionIds) : q.where(sql<boolean>`1 = 0`);
    if (f.tagId !== undefined) {
      const tagId = f.tagId;
      q = q.where('articles.id', 'in', (eb) => eb.selectFrom('article_tags').select('article_id').where('tag_id', '=', tagId));
    }
    if (f.authorId !== undefined) {
      const authorId = f.authorId;
      q = q.where('articles.id', 'in', (eb) => eb.selectFrom('article_authors').select('article_id').where('user_id', '=', authorId));
    }
    if (f.from) q = q.where('articles.published_at', '>=', f.from);
    if (f.to) q = q.where('articles.published_at', '<', f.to);
    if (f.excludeIds && f.excludeIds.length > 0) q = q.where('articles.id', 'not in', f.excludeIds);
    if (f.flag) q = q.where(`articles.${f.flag}`, '=', 1);
    return q;
  }
}
