import type { Kysely } from 'kysely';
import type { ArticleRow, Database } from '../db/index.js';
import type { SiteIdf } from '../zh/keywords.js';

const DOCUMENTS_KEY = 'search.terms_documents';
// Rows per insert: two values each, far below both dialects' limits on bound values.
const TERMS_CHUNK = 1000;

/**
 * What search reads from the content tables: article rows by id (results, typeahead) and in id
 * order (rebuilding the index), and tag names (typeahead). The content repositories have no
 * batched read by id, and one query per result would cost more than the search itself.
 */
export class SearchRepo {
  readonly #db: Kysely<Database>;
  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  /** Rows of the given articles, in no particular order; missing ids are left out. */
  async articles(ids: readonly number[]): Promise<ArticleRow[]> {
    if (ids.length === 0) return [];
    return this.#db.selectFrom('articles').selectAll().where('id', 'in', ids).execute();
  }

  /** The next `limit` articles with an id below `beforeId` (from the last one without it), highest id first. */
  articlesBefore(beforeId: number | undefined, limit: number): Promise<ArticleRow[]> {
    let q = this.#db.selectFrom('articles').selectAll();
    if (beforeId !== undefined) q = q.where('id', '<', beforeId);
    return q.orderBy('id', 'desc').limit(limit).execute();
  }

  async countArticles(): Promise<number> {
    const row = await this.#db.selectFrom('articles').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /**
   * Replaces the stored document frequencies (keyword IDF) in one transaction. Terms seen in a
   * single article are left out: for them jieba's general IDF is as good, and they are half of
   * any archive's vocabulary.
   */
  async saveTerms(idf: SiteIdf): Promise<void> {
    const rows = [...idf.frequency].filter(([, df]) => df >= 2).map(([term, df]) => ({ term, df }));
    await this.#db.transaction().execute(async (trx) => {
      await trx.deleteFrom('search_terms').execute();
      for (let i = 0; i < rows.length; i += TERMS_CHUNK) await trx.insertInto('search_terms').values(rows.slice(i, i + TERMS_CHUNK)).execute();
      const value = String(idf.documents);
      await trx
        .insertInto('settings')
        .values({ key: DOCUMENTS_KEY, value })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
        .execute();
    });
  }

  /** The stored document frequencies, or undefined before the first rebuild. */
  async terms(): Promise<SiteIdf | undefined> {
    const docs = await this.#db.selectFrom('settings').select('value').where('key', '=', DOCUMENTS_KEY).executeTakeFirst();
    if (!docs) return undefined;
    const rows = await this.#db.selectFrom('search_terms').select(['term', 'df']).execute();
    return { documents: Number(docs.value), frequency: new Map(rows.map((r) => [r.term, Number(r.df)])) };
  }

  /** How many published articles the index holds. */
  async publishedIndexed(): Promise<number> {
    const row = await this.#db.selectFrom('search_docs').select((eb) => eb.fn.countAll<number>().as('n')).where('published', '=', 1).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Every tag's slug and name. */
  tags(): Promise<Array<{ slug: string; name: string }>> {
    return this.#db.selectFrom('tags').select(['slug', 'name']).orderBy('id').execute();
  }
}
