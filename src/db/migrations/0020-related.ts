import type { Kysely } from 'kysely';
import type { DialectAdapter } from '../dialect.js';

/**
 * Related reading (src/recommend). Rows exist for published articles only, so every lookup
 * is already limited to what readers may see.
 *
 * - `article_terms`: each article's keyword vector (its ~25 strongest normalized terms, unit
 *   length). The (term, weight, article_id) index is the inverted index candidates are
 *   found through, strongest postings first.
 * - `related_docs`: per article, what scoring needs: the same vector as one JSON value (a
 *   candidate is then one row to read, not 25), its SimHash fingerprint, section, publish
 *   time and normalized tag names.
 * - `related_lists`: the stored top related articles of each article, best score first.
 *   There is no rank column: a new article entering a list is then one inserted row (and
 *   one deleted), not a renumbered list. The related_id index finds the lists an article
 *   appears in (to drop it when it is withdrawn).
 */
export async function up(db: Kysely<unknown>, adapter: DialectAdapter): Promise<void> {
  await db.schema
    .createTable('article_terms')
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('term', 'text', (c) => c.notNull())
    // 'double precision' in both dialects: PostgreSQL's 'real' is single precision.
    .addColumn('weight', 'double precision', (c) => c.notNull())
    .addPrimaryKeyConstraint('article_terms_pk', ['article_id', 'term'])
    .execute();
  // Covering: a lookup reads the strongest postings of a term from the index alone. Without
  // article_id in it, each posting was a random read of the table (3× slower at 100,000).
  await db.schema.createIndex('article_terms_term').on('article_terms').columns(['term', 'weight', 'article_id']).execute();

  await db.schema
    .createTable('related_docs')
    .addColumn('article_id', 'integer', (c) => c.primaryKey().references('articles.id').onDelete('cascade'))
    .addColumn('vector', 'text', (c) => c.notNull())
    .addColumn('simhash', 'text', (c) => c.notNull())
    .addColumn('section_id', 'integer', (c) => c.notNull())
    .addColumn('published_at', adapter.timestampType)
    .addColumn('tags', 'text', (c) => c.notNull())
    .addColumn('computed_at', adapter.timestampType, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('related_lists')
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('related_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('score', 'double precision', (c) => c.notNull())
    .addPrimaryKeyConstraint('related_lists_pk', ['article_id', 'related_id'])
    .execute();
  await db.schema.createIndex('related_lists_related').on('related_lists').columns(['related_id']).execute();
}
