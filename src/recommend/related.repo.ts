import type { Kysely } from 'kysely';
import type { ArticleRow, Database } from '../db/index.js';
import { prepareQuery } from '../db/prepared.js';
import type { RelatedDoc } from './related-terms.js';

/** One posting of the inverted index: an article and its weight for a term. */
export interface Posting {
  readonly article_id: number;
  readonly term: string;
  readonly weight: number;
}

/** One entry of a stored related list. */
export interface ListEntry {
  readonly articleId: number;
  readonly relatedId: number;
  readonly score: number;
}

/** How many postings to read for one term. */
export interface PostingsQuery {
  readonly term: string;
  readonly limit: number;
}

/**
 * SQL of related reading: keyword vectors, fingerprints and stored lists. Plain Kysely that
 * both dialects run as is. Only published articles have rows here (the service keeps it so).
 */
export class RelatedRepo {
  readonly #db: Kysely<Database>;
  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  /** Replaces an article's vector and fingerprint. */
  async saveDoc(doc: RelatedDoc, now: string): Promise<void> {
    await this.#db.deleteFrom('article_terms').where('article_id', '=', doc.articleId).execute();
    await this.#db.deleteFrom('related_docs').where('article_id', '=', doc.articleId).execute();
    if (doc.terms.length > 0) {
      await this.#db
        .insertInto('article_terms')
        .values(doc.terms.map((t) => ({ article_id: doc.articleId, term: t.term, weight: t.weight })))
        .execute();
    }
    await this.#db
      .insertInto('related_docs')
      .values({
        article_id: doc.articleId,
        vector: JSON.stringify(doc.terms.map((t) => [t.term, t.weight])),
        simhash: doc.simhash,
        section_id: doc.sectionId,
        published_at: doc.publishedAt,
        tags: doc.tags.join('\n'),
        computed_at: now,
      })
      .execute();
  }

  /**
   * The strongest postings of each term, as many as its `limit`, in one statement (a UNION
   * ALL of small index range scans): the bound that keeps a lookup's cost independent of
   * the site's size.
   */
  async postings(queries: readonly PostingsQuery[]): Promise<Posting[]> {
    if (queries.length === 0) return [];
    const one = (q: PostingsQuery) =>
      this.#db
        .selectFrom((eb) =>
          eb.selectFrom('article_terms').select(['article_id', 'term', 'weight']).where('term', '=', q.term).orderBy('weight', 'desc').limit(q.limit).as('p'),
        )
        .select(['p.article_id', 'p.term', 'p.weight']);
    let q = one(queries[0]!);
    for (const more of queries.slice(1)) q = q.unionAll(one(more));
    return q.execute();
  }

  /** Stored documents (vector, fingerprint, section, time, tags) of the given articles. */
  async docs(ids: readonly number[]): Promise<RelatedDoc[]> {
    if (ids.length === 0) return [];
    const rows = await this.#db.selectFrom('related_docs').selectAll().where('article_id', 'in', ids).execute();
    return rows.map((r) => ({
      articleId: r.article_id,
      terms: (JSON.parse(r.vector) as Array<[string, number]>).map(([term, weight]) => ({ term, weight })),
      simhash: r.simhash,
      sectionId: r.section_id,
      publishedAt: r.published_at,
      tags: r.tags ? r.tags.split('\n') : [],
    }));
  }

  /** SimHash fingerprints of the given articles (those with a stored document). */
  async fingerprints(ids: readonly number[]): Promise<Map<number, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.#db.selectFrom('related_docs').select(['article_id', 'simhash']).where('article_id', 'in', ids).execute();
    return new Map(rows.map((r) => [r.article_id, r.simhash]));
  }

  /** Whether the article has a stored document (its list has been computed). */
  async hasDoc(articleId: number): Promise<boolean> {
    const row = await this.#db.selectFrom('related_docs').select('article_id').where('article_id', '=', articleId).executeTakeFirst();
    return row !== undefined;
  }

  /** Ids of every stored document, ascending, `limit` after `afterId`. */
  async docIds(afterId: number, limit: number): Promise<number[]> {
    const rows = await this.#db.selectFrom('related_docs').select('article_id').where('article_id', '>', afterId).orderBy('article_id').limit(limit).execute();
    return rows.map((r) => r.article_id);
  }

  /** Stored documents whose article is no longer published (left over by a crash or by hand). */
  async staleDocIds(): Promise<number[]> {
    const rows = await this.#db
      .selectFrom('related_docs')
      .leftJoin('articles', (j) => j.onRef('articles.id', '=', 'related_docs.article_id').on('articles.status', '=', 'published'))
      .select('related_docs.article_id')
      .where('articles.id', 'is', null)
      .execute();
    return rows.map((r) => r.article_id);
  }

  // Pages run this every time: built once (see prepareQuery).
  static readonly #topTerms = prepareQuery((db: Kysely<Database>, p: { articleId: number; limit: number }) =>
    db.selectFrom('article_terms').select('term').where('article_id', '=', p.articleId).orderBy('weight', 'desc').orderBy('term').limit(p.limit),
  );
  /** The strongest terms of an article, strongest first. */
  async topTerms(articleId: number, limit: number): Promise<string[]> {
    const rows = await RelatedRepo.#topTerms.execute(this.#db, { articleId, limit });
    return rows.map((r) => r.term);
  }

  /** Stored lists of the given articles, each best first. */
  async lists(ids: readonly number[]): Promise<Map<number, ListEntry[]>> {
    const out = new Map<number, ListEntry[]>(ids.map((id) => [id, []]));
    if (ids.length === 0) return out;
    const rows = await this.#db
      .selectFrom('related_lists')
      .selectAll()
      .where('article_id', 'in', ids)
      .orderBy('article_id')
      .orderBy('score', 'desc')
      .orderBy('related_id', 'desc')
      .execute();
    for (const r of rows) out.get(r.article_id)?.push({ articleId: r.article_id, relatedId: r.related_id, score: Number(r.score) });
    return out;
  }

  /** Replaces an article's stored list (entries best first). */
  async replaceList(articleId: number, entries: ReadonlyArray<{ relatedId: number; score: number }>): Promise<void> {
    await this.#db.deleteFrom('related_lists').where('article_id', '=', articleId).execute();
    if (entries.length === 0) return;
    await this.#db
      .insertInto('related_lists')
      .values(entries.map((e) => ({ article_id: articleId, related_id: e.relatedId, score: e.score })))
      .execute();
  }

  /** Edits many lists at once: one DELETE of the entries that leave, one INSERT of those that come. */
  async editLists(remove: readonly ListEntry[], add: readonly ListEntry[]): Promise<void> {
    if (remove.length > 0) {
      await this.#db
        .deleteFrom('related_lists')
        .where((eb) => eb.or(remove.map((e) => eb.and([eb('article_id', '=', e.articleId), eb('related_id', '=', e.relatedId)]))))
        .execute();
    }
    if (add.length > 0) {
      await this.#db
        .insertInto('related_lists')
        .values(add.map((e) => ({ article_id: e.articleId, related_id: e.relatedId, score: e.score })))
        .execute();
    }
  }

  /** Articles whose stored list contains `relatedId`. */
  async listsContaining(relatedId: number): Promise<number[]> {
    const rows = await this.#db.selectFrom('related_lists').select('article_id').where('related_id', '=', relatedId).execute();
    return rows.map((r) => r.article_id);
  }

  /** Forgets an article: its vector, fingerprint, own list, and its place in other lists. */
  async remove(articleId: number): Promise<void> {
    await this.#db.deleteFrom('related_lists').where('related_id', '=', articleId).execute();
    await this.#db.deleteFrom('related_lists').where('article_id', '=', articleId).execute();
    await this.#db.deleteFrom('article_terms').where('article_id', '=', articleId).execute();
    await this.#db.deleteFrom('related_docs').where('article_id', '=', articleId).execute();
  }

  /**
   * The published articles of an article's stored list, best first: one join, so an
   * article unpublished since the list was computed never shows.
   */
  async listedRows(articleId: number, limit: number): Promise<ArticleRow[]> {
    return this.#db
      .selectFrom('related_lists')
      .innerJoin('articles', 'articles.id', 'related_lists.related_id')
      .selectAll('articles')
      .where('related_lists.article_id', '=', articleId)
      .where('articles.status', '=', 'published')
      .orderBy('related_lists.score', 'desc')
      .orderBy('related_lists.related_id', 'desc')
      .limit(limit)
      .execute();
  }

  // Pages run this every time: built once (see prepareQuery).
  static readonly #listedIds = prepareQuery((db: Kysely<Database>, p: { articleId: number; limit: number }) =>
    db.selectFrom('related_lists').select('related_id').where('article_id', '=', p.articleId).orderBy('score', 'desc').orderBy('related_id', 'desc').limit(p.limit),
  );
  /**
   * Ids of an article's stored list, best first, `limit` and a few more: the caller keeps the
   * published ones (cards come from memory), so a few spares cover articles unpublished since.
   */
  async listedIds(articleId: number, limit: number): Promise<number[]> {
    const rows = await RelatedRepo.#listedIds.execute(this.#db, { articleId, limit });
    return rows.map((r) => r.related_id);
  }

  /** Published articles among `ids`, in the order of `ids`. */
  async publishedRows(ids: readonly number[]): Promise<ArticleRow[]> {
    if (ids.length === 0) return [];
    const rows = await this.#db.selectFrom('articles').selectAll().where('id', 'in', ids).where('status', '=', 'published').execute();
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id)).filter((r): r is ArticleRow => r !== undefined);
  }
}
