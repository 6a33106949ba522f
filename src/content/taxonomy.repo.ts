import { sql, type Kysely, type Updateable } from 'kysely';
import type { Database, SectionRow, SectionsTable, TagRow, TagsTable } from '../db/index.js';

/** A section with how many articles (any status) and sub-sections it has. */
export type SectionUsageRow = SectionRow & { readonly articles: number; readonly children: number };

/** A tag with how many articles (any status) and published articles carry it. */
export type TagUsageRow = TagRow & { readonly articles: number; readonly published: number };

/**
 * SQL for the newsroom's section and tag administration: versioned updates, deletes, tag
 * merges and the old slugs of renamed or merged tags.
 */
export class TaxonomyRepo {
  readonly #db: Kysely<Database>;
  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  /** Sections with their usage, by position then id. */
  sections(): Promise<SectionUsageRow[]> {
    return this.#db
      .selectFrom('sections as s')
      .selectAll('s')
      .select((eb) => [
        eb.selectFrom('articles').select((e) => e.fn.countAll<number>().as('n')).whereRef('articles.section_id', '=', 's.id').as('articles'),
        eb.selectFrom('sections as c').select((e) => e.fn.countAll<number>().as('n')).whereRef('c.parent_id', '=', 's.id').as('children'),
      ])
      .orderBy('s.position')
      .orderBy('s.id')
      .execute() as Promise<SectionUsageRow[]>;
  }

  sectionById(id: number): Promise<SectionRow | undefined> {
    return this.#db.selectFrom('sections').selectAll().where('id', '=', id).executeTakeFirst();
  }

  sectionBySlug(slug: string): Promise<SectionRow | undefined> {
    return this.#db.selectFrom('sections').selectAll().where('slug', '=', slug).executeTakeFirst();
  }

  /** Changes a section if it is still at `version`; false when someone else changed it first. */
  async updateSection(id: number, version: number, patch: Updateable<SectionsTable>): Promise<boolean> {
    const res = await this.#db.updateTable('sections').set({ ...patch, version: version + 1 }).where('id', '=', id).where('version', '=', version).executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  async deleteSection(id: number): Promise<void> {
    await this.#db.deleteFrom('sections').where('id', '=', id).execute();
  }

  /** Tags with usage, by name; `q` keeps those whose name or slug contains it. */
  async tags(q: string | undefined, limit: number, offset: number): Promise<{ rows: TagUsageRow[]; total: number }> {
    let base = this.#db.selectFrom('tags as t');
    if (q) {
      const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      // LIKE wildcards in the editor's text are matched literally.
      base = base.where((eb) => eb.or([eb(sql`t.name`, 'like', sql`${pattern} escape '\\'`), eb(sql`t.slug`, 'like', sql`${pattern} escape '\\'`)]));
    }
    const [rows, count] = await Promise.all([
      base
        .selectAll('t')
        .select((eb) => [
          eb.selectFrom('article_tags').select((e) => e.fn.countAll<number>().as('n')).whereRef('article_tags.tag_id', '=', 't.id').as('articles'),
          eb
            .selectFrom('article_tags')
            .innerJoin('articles', 'articles.id', 'article_tags.article_id')
            .select((e) => e.fn.countAll<number>().as('n'))
            .whereRef('article_tags.tag_id', '=', 't.id')
            .where('articles.status', '=', 'published')
            .as('published'),
        ])
        .orderBy('t.name')
        .orderBy('t.id')
        .limit(limit)
        .offset(offset)
        .execute(),
      base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { rows: rows.map((r) => ({ ...r, articles: Number(r.articles), published: Number(r.published) })), total: Number(count.n) };
  }

  tagById(id: number): Promise<TagRow | undefined> {
    return this.#db.selectFrom('tags').selectAll().where('id', '=', id).executeTakeFirst();
  }

  tagBySlug(slug: string): Promise<TagRow | undefined> {
    return this.#db.selectFrom('tags').selectAll().where('slug', '=', slug).executeTakeFirst();
  }

  tagByName(name: string): Promise<TagRow | undefined> {
    return this.#db.selectFrom('tags').selectAll().where('name', '=', name).executeTakeFirst();
  }

  async insertTag(slug: string, name: string, description: string, now: string): Promise<number> {
    const row = await this.#db.insertInto('tags').values({ slug, name, description, created_at: now }).returning('id').executeTakeFirstOrThrow();
    return row.id;
  }

  /** Changes a tag if it is still at `version`; false when someone else changed it first. */
  async updateTag(id: number, version: number, patch: Updateable<TagsTable>): Promise<boolean> {
    const res = await this.#db.updateTable('tags').set({ ...patch, version: version + 1 }).where('id', '=', id).where('version', '=', version).executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  async deleteTag(id: number): Promise<void> {
    await this.#db.deleteFrom('tags').where('id', '=', id).execute();
  }

  /** The articles that carry a tag, with their statuses. */
  articlesWithTag(tagId: number): Promise<Array<{ id: number; status: string }>> {
    return this.#db
      .selectFrom('article_tags')
      .innerJoin('articles', 'articles.id', 'article_tags.article_id')
      .select(['articles.id', 'articles.status'])
      .where('article_tags.tag_id', '=', tagId)
      .execute();
  }

  /**
   * Moves every article of tag `from` to tag `into`; an article that has both keeps one link
   * (at the position `into` already had).
   */
  async moveTagLinks(from: number, into: number): Promise<void> {
    await this.#db
      .deleteFrom('article_tags')
      .where('tag_id', '=', from)
      .where('article_id', 'in', (eb) => eb.selectFrom('article_tags as other').select('other.article_id').where('other.tag_id', '=', into))
      .execute();
    await this.#db.updateTable('article_tags').set({ tag_id: into }).where('tag_id', '=', from).execute();
  }

  /** Records that `oldSlug` now means tag `tagId` (replacing an older meaning). */
  async addRedirect(oldSlug: string, tagId: number, now: string): Promise<void> {
    await this.#db
      .insertInto('tag_redirects')
      .values({ old_slug: oldSlug, tag_id: tagId, created_at: now })
      .onConflict((oc) => oc.column('old_slug').doUpdateSet({ tag_id: tagId, created_at: now }))
      .execute();
  }

  /** Points every old slug of tag `from` at tag `into` (a merge keeps older URLs working too). */
  async moveRedirects(from: number, into: number): Promise<void> {
    await this.#db.updateTable('tag_redirects').set({ tag_id: into }).where('tag_id', '=', from).execute();
  }

  /** Forgets an old slug (a live tag now has it). */
  async removeRedirect(slug: string): Promise<void> {
    await this.#db.deleteFrom('tag_redirects').where('old_slug', '=', slug).execute();
  }

  /** The current slug of the tag an old slug now means, if any. */
  async redirectFor(oldSlug: string): Promise<string | undefined> {
    const row = await this.#db
      .selectFrom('tag_redirects')
      .innerJoin('tags', 'tags.id', 'tag_redirects.tag_id')
      .select('tags.slug')
      .where('tag_redirects.old_slug', '=', oldSlug)
      .executeTakeFirst();
    return row?.slug;
  }

  /** A tag's old slugs. */
  async oldSlugs(tagId: number): Promise<string[]> {
    const rows = await this.#db.selectFrom('tag_redirects').select('old_slug').where('tag_id', '=', tagId).orderBy('created_at').execute();
    return rows.map((r) => r.old_slug);
  }
}
