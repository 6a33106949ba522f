import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { ArticleRow, ArticleRowUpdate, Database, NewArticleRow } from '../db/index.js';
import { prepareQuery } from '../db/prepared.js';

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

/** Newest articles of each tag that `sharingTags` counts. */
const SHARING_PER_TAG = 200;

/**
 * Every column of an article but its body: what a card is built from. A record, not a list,
 * so that a column added to the table fails to compile here until it is added.
 */
const CARD_FIELDS: Record<Exclude<keyof ArticleRow, 'body_html'>, true> = {
  id: true, slug: true, title: true, subtitle: true, summary: true, cover_media_id: true, cover_caption: true, cover_credit: true, section_id: true,
  source_name: true, source_url: true, lang: true, status: true, is_headline: true, is_featured: true, is_slideshow: true, published_at: true,
  created_at: true, updated_at: true, correction_note: true, corrected_at: true, version: true, publish_at: true, created_by: true, review_note: true,
  integrity_findings: true, seo_title: true, seo_description: true, canonical_url: true,
};
export const CARD_COLUMNS = Object.keys(CARD_FIELDS) as Array<keyof typeof CARD_FIELDS>;

/** Which articles of any status the newsroom's list wants. Every field narrows the set. */
export interface AdminFilter {
  readonly statuses?: readonly string[];
  readonly sectionIds?: readonly number[];
  readonly tagId?: number;
  readonly authorId?: number;
  /** Only articles this member owns: bylined or created by them. */
  readonly ownerId?: number;
  /** Inclusive lower bound on the publish time (ISO); unpublished drafts fall outside any range. */
  readonly from?: string;
  /** Exclusive upper bound on the publish time (ISO). */
  readonly to?: string;
}

/** Orders of the newsroom's list: last change or publish time (newest first), or title (A→Z). */
export const ADMIN_SORTS = ['updated', 'published', 'title'] as const;
/** One of {@link ADMIN_SORTS}. */
export type AdminSort = (typeof ADMIN_SORTS)[number];

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

  // Pages run this every time: built once (see prepareQuery).
  static readonly #byId = prepareQuery((db: Kysely<Database>, p: { id: number }) => db.selectFrom('articles').selectAll().where('id', '=', p.id));
  byId(id: number): Promise<ArticleRow | undefined> {
    return ArticleRepo.#byId.executeTakeFirst(this.#db, { id });
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

  // Pages whose stored related list is short run this for each of the article's tags.
  static readonly #newestOfTag = prepareQuery((db: Kysely<Database>, p: { tagId: number; articleId: number; limit: number }) =>
    db.selectFrom('article_tags').select('article_id').where('tag_id', '=', p.tagId).where('article_id', '!=', p.articleId).orderBy('article_id', 'desc').limit(p.limit),
  );

  /**
   * Articles sharing tags with an article, with how many tags each shares, most first, then
   * newest. Only the newest `perTag` articles of each tag are counted: a tag on tens of thousands
   * of articles made a count over all of them cost milliseconds on every page that asked
   * (3.4 ms a render on 100,000 articles), and related reading looks for recent articles anyway.
   * Each tag's share is a range of the (tag_id, article_id) index read backwards.
   */
  async sharingTags(articleId: number, tagIds: readonly number[], limit: number, perTag = SHARING_PER_TAG): Promise<Array<{ article_id: number; shared: number }>> {
    if (tagIds.length === 0) return [];
    const lists = await Promise.all([...new Set(tagIds)].map((tagId) => ArticleRepo.#newestOfTag.execute(this.#db, { tagId, articleId, limit: perTag })));
    const shared = new Map<number, number>();
    for (const rows of lists) for (const r of rows) shared.set(r.article_id, (shared.get(r.article_id) ?? 0) + 1);
    return [...shared]
      .sort((a, b) => b[1] - a[1] || b[0] - a[0])
      .slice(0, limit)
      .map(([article_id, n]) => ({ article_id, shared: n }));
  }

  /** Section and publish time of the published articles among `ids`: enough to rank them. */
  async publishedMeta(ids: readonly number[]): Promise<Array<{ id: number; section_id: number; published_at: string | null }>> {
    if (ids.length === 0) return [];
    // Status is checked here, not in SQL: see publishedCardRows.
    const rows = await this.#db.selectFrom('articles').select(['id', 'section_id', 'published_at', 'status']).where('id', 'in', ids).execute();
    return rows.filter((r) => r.status === 'published').map((r) => ({ id: r.id, section_id: r.section_id, published_at: r.published_at }));
  }

  static readonly #cardsByIds = prepareQuery((db: Kysely<Database>, p: { ids: readonly number[] }) =>
    db.selectFrom('articles').select(CARD_COLUMNS).select(sql<string>`''`.as('body_html')).where('id', 'in', p.ids),
  );
  /**
   * Published articles among `ids` without their body (`body_html` is ''), in no particular
   * order: rows for cards. A body is most of a row, and turning its UTF-8 into a string was
   * most of the time of reading a page's cards.
   */
  async publishedCardRows(ids: readonly number[]): Promise<ArticleRow[]> {
    if (ids.length === 0) return [];
    // With `status = ?` in the WHERE clause SQLite picks a status index and walks every
    // published article (the whole site) instead of looking the few ids up by primary key.
    const rows = await ArticleRepo.#cardsByIds.execute(this.#db, { ids });
    return rows.filter((r) => r.status === 'published');
  }

  /** Ids of the newest published articles matching a filter (no rows, no bodies). */
  async listPublishedIds(filter: PublishedFilter, limit: number): Promise<number[]> {
    const rows = await this.#published(filter).select('articles.id').orderBy('articles.published_at', 'desc').orderBy('articles.id', 'desc').limit(limit).execute();
    return rows.map((r) => r.id);
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

  /** Articles of any status in the order asked for, most recently changed first by default (the newsroom's list). */
  listAdmin(filter: AdminFilter, limit: number, offset: number, sort: AdminSort = 'updated'): Promise<ArticleRow[]> {
    let q = this.#admin(filter).selectAll('articles');
    if (sort === 'title') q = q.orderBy('articles.title', 'asc').orderBy('articles.id', 'asc');
    else if (sort === 'published') {
      // Never-published articles last on both dialects (PostgreSQL puts NULLs first in DESC).
      q = q.orderBy(sql`articles.published_at is null`).orderBy('articles.published_at', 'desc').orderBy('articles.id', 'desc');
    } else q = q.orderBy('articles.updated_at', 'desc').orderBy('articles.id', 'desc');
    return q.limit(limit).offset(offset).execute();
  }

  async countAdmin(filter: AdminFilter): Promise<number> {
    const row = await this.#admin(filter)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Who owns an article for `.own` rights: its bylined authors and whoever created it. */
  async ownerIds(id: number): Promise<number[]> {
    const [authors, row] = await Promise.all([
      this.#db.selectFrom('article_authors').select('user_id').where('article_id', '=', id).execute(),
      this.#db.selectFrom('articles').select('created_by').where('id', '=', id).executeTakeFirst(),
    ]);
    const ids = authors.map((a) => a.user_id);
    if (row?.created_by != null && !ids.includes(row.created_by)) ids.push(row.created_by);
    return ids;
  }

  /** Scheduled articles whose embargo has passed at `now`, earliest first, with their versions. */
  dueScheduled(now: string, limit: number): Promise<Array<{ id: number; version: number }>> {
    return this.#db
      .selectFrom('articles')
      .select(['id', 'version'])
      .where('status', '=', 'scheduled')
      .where('publish_at', '<=', now)
      .orderBy('publish_at')
      .orderBy('id')
      .limit(limit)
      .execute();
  }

  /**
   * Publishes a due scheduled article if it is still at `version`: one conditional UPDATE, so
   * of several schedulers racing for it exactly one sees a changed row. It keeps an earlier
   * publish time (a re-publish) and otherwise uses the embargo time, not the moment of the claim.
   */
  async claimScheduled(id: number, version: number, now: string): Promise<boolean> {
    const res = await this.#db
      .updateTable('articles')
      .set({ status: 'published', published_at: sql<string>`coalesce(published_at, publish_at)`, publish_at: null, updated_at: now, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .where('status', '=', 'scheduled')
      .where('publish_at', '<=', now)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  /** The earliest embargo of any scheduled article, or undefined when none waits. */
  async nextScheduledAt(): Promise<string | undefined> {
    const row = await this.#db
      .selectFrom('articles')
      .select((eb) => eb.fn.min('publish_at').as('next'))
      .where('status', '=', 'scheduled')
      .executeTakeFirst();
    return (row?.next as string | null | undefined) ?? undefined;
  }

  #admin(f: AdminFilter): Q {
    let q: Q = this.#db.selectFrom('articles');
    if (f.statuses) q = f.statuses.length > 0 ? q.where('articles.status', 'in', f.statuses) : q.where(sql<boolean>`1 = 0`);
    q = byPlace(q, f);
    if (f.ownerId !== undefined) {
      const ownerId = f.ownerId;
      q = q.where((eb) =>
        eb.or([eb('articles.created_by', '=', ownerId), eb('articles.id', 'in', eb.selectFrom('article_authors').select('article_id').where('user_id', '=', ownerId))]),
      );
    }
    return q;
  }

  #published(f: PublishedFilter): Q {
    let q: Q = this.#db.selectFrom('articles').where('articles.status', '=', 'published');
    q = byPlace(q, f);
    if (f.excludeIds && f.excludeIds.length > 0) q = q.where('articles.id', 'not in', f.excludeIds);
    if (f.flag) q = q.where(`articles.${f.flag}`, '=', 1);
    return q;
  }
}

/** Narrows to sections, a tag, a byline and a publish-time range: the filters public and newsroom listings share. */
function byPlace(q: Q, f: { sectionIds?: readonly number[]; tagId?: number; authorId?: number; from?: string; to?: string }): Q {
  if (f.from) q = q.where('articles.published_at', '>=', f.from);
  if (f.to) q = q.where('articles.published_at', '<', f.to);
  if (f.sectionIds) q = f.sectionIds.length > 0 ? q.where('articles.section_id', 'in', f.sectionIds) : q.where(sql<boolean>`1 = 0`);
  const { tagId, authorId } = f;
  if (tagId !== undefined) q = q.where('articles.id', 'in', (eb) => eb.selectFrom('article_tags').select('article_id').where('tag_id', '=', tagId));
  if (authorId !== undefined) q = q.where('articles.id', 'in', (eb) => eb.selectFrom('article_authors').select('article_id').where('user_id', '=', authorId));
  return q;
}
